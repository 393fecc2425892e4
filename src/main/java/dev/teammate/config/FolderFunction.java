package dev.teammate.config;

import org.apache.camel.spi.PropertiesFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code {{folder:PATH}}} placeholder: turns a folder setting into an absolute path and creates the folder.
 *
 * <p>Folder settings in {@code application.properties} may be relative to the directory the hub starts in. Camel's
 * file component reads a relative {@code move} target relative to the watched folder instead, so every route that
 * names a folder goes through this function to mean the same place everywhere.
 */
public class FolderFunction implements PropertiesFunction {

    @Override
    public String getName() {
        return "folder";
    }

    @Override
    public String apply(String remainder) {
        Path folder = Path.of(remainder.trim()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder " + folder + " (from a {{folder:...}} setting)",
                    e);
        }
        return folder.toString();
    }
}
