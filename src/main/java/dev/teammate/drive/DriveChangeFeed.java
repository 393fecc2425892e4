package dev.teammate.drive;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.Change;
import com.google.api.services.drive.model.ChangeList;
import com.google.api.services.drive.model.StartPageToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Drive's changes feed: the token to start from ({@code changes.getStartPageToken}) and every change since a token
 * ({@code changes.list}, page after page until the page that carries {@code newStartPageToken}). Shared drives the
 * account belongs to are included.
 */
public class DriveChangeFeed {

    private static final String FIELDS = "nextPageToken,newStartPageToken,changes(fileId,removed,time,file("
            + DriveListing.FILE_FIELDS + "))";

    /** The changes since a token, and the token to go on from once they are all applied. */
    public record Changes(List<Change> changes, String newStartPageToken) {
    }

    private final DriveCalls calls;
    private final int pageSize;

    public DriveChangeFeed(DriveCalls calls, int pageSize) {
        this.calls = calls;
        this.pageSize = pageSize;
    }

    public String startPageToken(Drive drive) {
        StartPageToken token = calls.run("changes.getStartPageToken",
                () -> drive.changes().getStartPageToken().setSupportsAllDrives(true).execute());
        return token.getStartPageToken();
    }

    public Changes since(Drive drive, String pageToken) {
        List<Change> changes = new ArrayList<>();
        String token = pageToken;
        while (true) {
            String current = token;
            ChangeList page = calls.run("changes.list", () -> drive.changes().list(current)
                    .setFields(FIELDS)
                    .setPageSize(pageSize)
                    .setIncludeRemoved(true)
                    .setIncludeItemsFromAllDrives(true)
                    .setSupportsAllDrives(true)
                    .execute());
            if (page.getChanges() != null) {
                changes.addAll(page.getChanges());
            }
            if (page.getNewStartPageToken() != null) {
                return new Changes(changes, page.getNewStartPageToken());
            }
            if (page.getNextPageToken() == null || page.getNextPageToken().equals(current)) {
                throw new DriveUnavailableException("changes.list: Drive gave neither a next page nor a new start"
                        + " token after " + changes.size() + " changes", null);
            }
            token = page.getNextPageToken();
        }
    }
}
