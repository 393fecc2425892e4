package dev.teammate.natives;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A native program or library that ships inside a jar (ffmpeg in JAVE's, whisper.cpp in whisper-jni's) and is
 * unpacked into the hub's bin folder once, then reused by every later start.
 *
 * <p>Each process writes its copy under a name of its own and renames it into place, so the final path is never open
 * for writing: two hubs or test JVMs starting at once can neither run a half-written program ("Text file busy") nor
 * load a half-written library.
 */
public final class BundledFile {

    private BundledFile() {
    }

    /**
     * Makes sure {@code target} holds the class path resource {@code resource}; a file of the same size already
     * there is kept.
     *
     * @param executable whether the file is a program to run
     */
    public static Path unpack(String resource, Path target, boolean executable) throws IOException {
        URL bundled = BundledFile.class.getResource(resource);
        if (bundled == null) {
            throw new IOException(resource + " is not on the class path");
        }
        URLConnection connection = bundled.openConnection();
        if (Files.isRegularFile(target) && Files.size(target) == connection.getContentLengthLong()
                && (!executable || Files.isExecutable(target))) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        if (executable) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
