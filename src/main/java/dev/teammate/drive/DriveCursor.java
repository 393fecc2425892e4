package dev.teammate.drive;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the ledger keeps between runs, saved as one value so that it is always consistent: the page token of Drive's
 * changes feed to go on from, the configuration it belongs to, and the folders found under the watched ones (so a
 * change to a file can be judged in or out of the watched folders without asking Drive for its ancestors).
 *
 * @param pageToken the changes feed's token: every change before it is in the store and the ledger
 * @param watch     {@link DriveWatch#key()} of the configuration this cursor was made for
 * @param folders   the watched folders and every folder below them, as of that token
 */
public record DriveCursor(String pageToken, String watch, Set<String> folders) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Stored(String pageToken, String watch, List<String> folders) {
    }

    public DriveCursor {
        folders = Set.copyOf(folders);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(pageToken, watch, List.copyOf(new TreeSet<>(folders))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DriveCursor fromJson(String json) {
        try {
            Stored stored = JSON.readValue(json, Stored.class);
            return new DriveCursor(stored.pageToken(), stored.watch(), Set.copyOf(stored.folders()));
        } catch (IOException e) {
            throw new UncheckedIOException("The Drive cursor in the ledger is not readable", e);
        }
    }
}
