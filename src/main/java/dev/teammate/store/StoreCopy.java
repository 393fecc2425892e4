package dev.teammate.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies every item of one store into another, vectors included (nothing is embedded again), item by item in id
 * order. After each batch the last item copied is written to a checkpoint file, so a copy that was stopped goes on
 * from there; copying an item twice is harmless, as a store replaces an item's chunks as a whole.
 */
public final class StoreCopy {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCopy.class);
    private static final int BATCH = 100;

    private StoreCopy() {
    }

    /** What a copy did. */
    public record Result(long items, long chunks, boolean finished) {
    }

    /**
     * @param maxItems stop after this many items (the rest waits for the next run); {@code Long.MAX_VALUE} for all
     */
    public static Result copy(ExportableStore from, VectorStore to, Path checkpoint, long maxItems) {
        String after = read(checkpoint);
        if (after != null) {
            LOG.info("Copy goes on after item {} (checkpoint {})", after, checkpoint);
        }
        long total = from.count();
        long items = 0;
        long chunks = 0;
        long started = System.nanoTime();
        while (items < maxItems) {
            List<String> ids = from.itemIdsAfter(after, (int) Math.min(BATCH, maxItems - items));
            if (ids.isEmpty()) {
                LOG.info("Copy finished: {} items, {} chunks in this run", items, chunks);
                return new Result(items, chunks, true);
            }
            for (String id : ids) {
                List<StoredChunk> itemChunks = from.export(id);
                to.replaceItem(id, itemChunks);
                chunks += itemChunks.size();
                items++;
            }
            after = ids.get(ids.size() - 1);
            write(checkpoint, after);
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            LOG.info("Copied {} items, {} of {} chunks ({}%), {} chunks/s", items, chunks, total,
                    total == 0 ? 100 : 100 * chunks / total, Math.round(chunks / seconds));
        }
        return new Result(items, chunks, from.itemIdsAfter(after, 1).isEmpty());
    }

    private static String read(Path checkpoint) {
        try {
            return Files.exists(checkpoint) ? Files.readString(checkpoint, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the copy checkpoint " + checkpoint, e);
        }
    }

    private static void write(Path checkpoint, String lastItem) {
        try {
            Files.createDirectories(checkpoint.toAbsolutePath().getParent());
            Path partial = checkpoint.resolveSibling(checkpoint.getFileName() + ".part");
            Files.writeString(partial, lastItem, StandardCharsets.UTF_8);
            Files.move(partial, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the copy checkpoint " + checkpoint, e);
        }
    }
}
