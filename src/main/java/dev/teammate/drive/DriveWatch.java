package dev.teammate.drive;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the hub watches in Drive: folders (each with everything below it) and whole shared drives, as configured.
 *
 * @param folders ids of the watched folders
 * @param drives  ids of the watched shared drives
 */
public record DriveWatch(List<String> folders, List<String> drives) {

    public DriveWatch {
        folders = List.copyOf(new TreeSet<>(folders));
        drives = List.copyOf(new TreeSet<>(drives));
    }

    public static DriveWatch parse(String folders, String drives) {
        return new DriveWatch(ids(folders), ids(drives));
    }

    public boolean isEmpty() {
        return folders.isEmpty() && drives.isEmpty();
    }

    /** A stable text of the configuration: when it changes, the next run lists everything again. */
    public String key() {
        return "folders=" + String.join(",", folders) + ";drives=" + String.join(",", drives);
    }

    /** For people: what is watched. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!folders.isEmpty()) {
            text.append(folders.size() == 1 ? "folder " : "folders ").append(String.join(", ", folders));
        }
        if (!drives.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(drives.size() == 1 ? "shared drive " : "shared drives ")
                    .append(String.join(", ", drives));
        }
        return text.toString();
    }

    private static List<String> ids(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> ids = new TreeSet<>();
        for (String id : text.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return List.copyOf(ids);
    }
}
