package dev.teammate.drive;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists everything the hub watches, as it is now: each watched folder and, breadth first, every folder below it
 * ({@code files.list} with {@code '<id>' in parents and trashed=false}), and each watched shared drive whole. Every
 * page of every listing is read; files seen twice (a file in two watched folders) are kept once.
 */
public class DriveListing {

    /** The fields the hub needs of a file; Drive returns only id, name and MIME type without them. */
    public static final String FILE_FIELDS =
            "id,name,mimeType,parents,trashed,md5Checksum,version,modifiedTime,webViewLink,driveId,size";

    private static final Logger LOG = LoggerFactory.getLogger(DriveListing.class);
    private static final String LIST_FIELDS = "nextPageToken,incompleteSearch,files(" + FILE_FIELDS + ")";

    /** What is there now: the files (folders excluded) and the folders they may sit in. */
    public record Result(List<File> files, Set<String> folders) {
    }

    private final DriveCalls calls;
    private final int pageSize;

    public DriveListing(DriveCalls calls, int pageSize) {
        this.calls = calls;
        this.pageSize = pageSize;
    }

    public Result list(Drive drive, DriveWatch watch) {
        Map<String, File> files = new LinkedHashMap<>();
        Set<String> folders = new HashSet<>(watch.folders());
        Deque<String> toList = new ArrayDeque<>(watch.folders());
        while (!toList.isEmpty()) {
            String folder = toList.poll();
            for (File file : pages(drive, "'" + folder.replace("'", "\\'") + "' in parents and trashed=false", null)) {
                if (DriveFormat.isFolder(file)) {
                    if (folders.add(file.getId())) {
                        toList.add(file.getId());
                    }
                } else {
                    files.putIfAbsent(file.getId(), file);
                }
            }
        }
        for (String sharedDrive : watch.drives()) {
            for (File file : pages(drive, "trashed=false", sharedDrive)) {
                if (DriveFormat.isFolder(file)) {
                    folders.add(file.getId());
                } else {
                    files.putIfAbsent(file.getId(), file);
                }
            }
        }
        LOG.info("Drive listing: {} files in {} folders and {} shared drives", files.size(), folders.size(),
                watch.drives().size());
        return new Result(new ArrayList<>(files.values()), folders);
    }

    private List<File> pages(Drive drive, String query, String sharedDrive) {
        List<File> found = new ArrayList<>();
        String pageToken = null;
        do {
            String token = pageToken;
            FileList page = calls.run("files.list", () -> {
                Drive.Files.List request = drive.files().list()
                        .setQ(query)
                        .setFields(LIST_FIELDS)
                        .setPageSize(pageSize)
                        .setPageToken(token)
                        .setSupportsAllDrives(true)
                        .setIncludeItemsFromAllDrives(true);
                if (sharedDrive != null) {
                    request.setCorpora("drive").setDriveId(sharedDrive);
                }
                return request.execute();
            });
            if (page.getFiles() != null) {
                found.addAll(page.getFiles());
            }
            if (Boolean.TRUE.equals(page.getIncompleteSearch())) {
                LOG.warn("Drive said the listing of {} was incomplete; the next full listing will catch up",
                        sharedDrive != null ? "shared drive " + sharedDrive : "a folder");
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null && !pageToken.isEmpty());
        return found;
    }
}
