package dev.teammate.transcribe;

import dev.teammate.item.Item;
import dev.teammate.item.ItemFolders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local copies of recordings that come from a remote source (Drive): the transcriber needs a file on this machine,
 * while the item's link stays the source's own web link for people. A copy lives in
 * {@code <sources>/<source>/recordings/} under a name made only from the item id ({@link ItemFolders#name}) and an
 * extension from a fixed list, so nothing a source names can choose where a file is written.
 */
public class RecordingCopies {

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");

    private final Path sourcesDir;

    public RecordingCopies(Path sourcesDir) {
        this.sourcesDir = sourcesDir;
    }

    /** Where the copy of {@code itemId} with this extension is written. */
    public Path target(String itemId, String extension) {
        if (!EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("Not a safe extension for a recording copy: " + extension);
        }
        return folder(itemId).resolve(ItemFolders.name(itemId) + "." + extension);
    }

    /** The copy of {@code itemId}, when there is one. */
    public Optional<Path> find(String itemId) {
        Path folder = folder(itemId);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        String prefix = ItemFolders.name(itemId) + ".";
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> EXTENSION.matcher(f.getFileName().toString().substring(prefix.length())).matches())
                    .filter(Files::isRegularFile)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for the recording copy of " + itemId, e);
        }
    }

    /** Deletes every copy of {@code itemId} (a new version may have another extension). */
    public void delete(String itemId) {
        for (Optional<Path> copy = find(itemId); copy.isPresent(); copy = find(itemId)) {
            try {
                Files.deleteIfExists(copy.get());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the recording copy of " + itemId, e);
            }
        }
    }

    private Path folder(String itemId) {
        return sourcesDir.resolve(Item.sourceOf(itemId)).resolve("recordings");
    }
}
