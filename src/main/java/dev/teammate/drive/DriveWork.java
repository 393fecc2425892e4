package dev.teammate.drive;

import com.google.api.services.drive.model.File;

/**
 * One thing a sync run has to do: store a file's current version (when {@code file} is set) or remove the item.
 *
 * @param itemId {@code drive:<fileId>}
 * @param file   the file as Drive describes it now, or {@code null} to remove the item
 */
public record DriveWork(String itemId, File file) {

    public static final String PREFIX = "drive:";

    public static DriveWork store(File file) {
        return new DriveWork(PREFIX + file.getId(), file);
    }

    public static DriveWork remove(String fileId) {
        return new DriveWork(PREFIX + fileId, null);
    }

    public boolean isRemoval() {
        return file == null;
    }
}
