package dev.teammate.drive;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import dev.teammate.extract.DocumentKind;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.ExtractionException;
import dev.teammate.extract.TextExtractor;
import dev.teammate.index.IndexSteps;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.item.ItemFolders;
import dev.teammate.ledger.Ledger;
import dev.teammate.transcribe.RecordingCopies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The per-file steps of {@code routes/drive.yaml} (bean {@code driveFiles}): describe a Drive file as an item, fetch
 * its text (export or download, then extract) or its recording, remove an item, and keep a file whose content
 * cannot be read with the reason.
 *
 * <p>Drive's file names are titles only: the local files the hub writes are named from the file id and an extension
 * from a fixed list (see {@link DriveFormat}, {@link RecordingCopies}), so a name like {@code ../../etc/passwd}
 * cannot choose where anything is written.
 */
public class DriveFileSteps {

    /** Header: what to do with the file, {@code REMOVE}, {@code UNSUPPORTED} or a {@link DocumentKind} name. */
    public static final String KIND = "TeammateKind";
    /** Header: true when this version of the item is already in the ledger (indexed, queued or failed). */
    public static final String UNCHANGED = "TeammateUnchanged";
    /** Exchange property holding the file's {@link DriveFormat}. */
    public static final String FORMAT = "teammateDriveFormat";
    /** Exchange property holding the {@link DriveWork}. */
    public static final String WORK = "teammateDriveWork";

    private static final Logger LOG = LoggerFactory.getLogger(DriveFileSteps.class);

    private final Supplier<Drive> client;
    private final DriveCalls calls;
    private final TextExtractor extractor;
    private final IndexSteps indexer;
    private final Ledger ledger;
    private final RecordingCopies copies;
    private final Path workDir;

    public DriveFileSteps(Supplier<Drive> client, DriveCalls calls, TextExtractor extractor, IndexSteps indexer,
            Ledger ledger, RecordingCopies copies, Path workDir) {
        this.client = client;
        this.calls = calls;
        this.extractor = extractor;
        this.indexer = indexer;
        this.ledger = ledger;
        this.copies = copies;
        this.workDir = workDir;
    }

    /** Sets the item, what to do with it and whether this version is already known. */
    public void describe(Exchange exchange) {
        DriveWork work = exchange.getMessage().getBody(DriveWork.class);
        Message message = exchange.getMessage();
        exchange.setProperty(WORK, work);
        message.setHeader(ItemExchange.ITEM_ID, work.itemId());
        if (work.isRemoval()) {
            message.setHeader(KIND, "REMOVE");
            return;
        }
        File file = work.file();
        DriveFormat format = DriveFormat.of(file);
        Item item = new Item(work.itemId(), DriveSync.SOURCE, file.getName(), file.getWebViewLink(), version(file),
                file.getModifiedTime() == null ? null : Instant.ofEpochMilli(file.getModifiedTime().getValue()));
        exchange.setProperty(ItemExchange.ITEM, item);
        exchange.setProperty(FORMAT, format);
        message.setHeader(KIND, format.kind().name());
        message.setHeader(UNCHANGED, ledger.find(item.id()).filter(e -> e.version().equals(item.version()))
                .isPresent());
        if (!message.getHeader(UNCHANGED, Boolean.class)) {
            run(exchange).stored();
        }
    }

    /** The text of a document: Google-native files exported, others downloaded; then extracted. */
    public ExtractedText text(Exchange exchange) throws ExtractionException {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        DriveFormat format = exchange.getProperty(FORMAT, DriveFormat.class);
        String name = ItemFolders.name(item.id()) + "." + format.extension();
        Path temporary = workDir.resolve("incoming").resolve(name);
        try {
            fetch(item, format, temporary);
            return extractor.extract(temporary, name);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Downloads a recording next to the other local copies; the transcription queue finds it there by item id. */
    public void recording(Exchange exchange) {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        DriveFormat format = exchange.getProperty(FORMAT, DriveFormat.class);
        Path target = copies.target(item.id(), format.extension());
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        fetch(item, format, partial);
        try {
            copies.delete(item.id());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the recording of " + item.id(), e);
        }
        exchange.getMessage().setHeader(Exchange.FILE_PATH, target.toString());
        LOG.info("Downloaded recording {} ({})", item.id(), item.title());
    }

    /** Removes the item from the store and the ledger, with its local recording copy if it had one. */
    public void remove(Exchange exchange) {
        String itemId = exchange.getMessage().getHeader(ItemExchange.ITEM_ID, String.class);
        indexer.remove(itemId);
        copies.delete(itemId);
        run(exchange).removed();
    }

    /** A file went away between listing and download: the same as a removal. */
    public void gone(Exchange exchange) {
        LOG.info("{} was gone from Drive when its content was asked for; removing it",
                exchange.getMessage().getHeader(ItemExchange.ITEM_ID, String.class));
        remove(exchange);
    }

    /**
     * A file whose content could not be read (not text, password-protected, too large to export): kept in the ledger
     * as FAILED at this version with the reason, so it is not fetched again until it changes; the run goes on.
     */
    public void keep(Exchange exchange) {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown error" : cause.getMessage();
        ledger.recordFailed(item, reason);
        run(exchange).failed();
        LOG.warn("Drive file {} ({}) could not be indexed and is kept as failed until it changes: {}", item.id(),
                item.title(), reason);
    }

    /** One file of the run is done. */
    public void done(Exchange exchange) {
        run(exchange).finishedOne();
    }

    /**
     * The version: the content's MD5 for stored files, which changes exactly when the bytes do; Drive's version
     * number for Google-native files, which have no checksum.
     */
    static String version(File file) {
        if (file.getMd5Checksum() != null && !file.getMd5Checksum().isBlank()) {
            return file.getMd5Checksum();
        }
        if (file.getVersion() != null) {
            return "v" + file.getVersion();
        }
        return "t" + (file.getModifiedTime() == null ? 0 : file.getModifiedTime().getValue());
    }

    private void fetch(Item item, DriveFormat format, Path target) {
        String fileId = item.id().substring(DriveWork.PREFIX.length());
        Drive drive = client.get();
        String what = (format.exportMime() != null ? "files.export of " : "files.get alt=media of ") + item.id();
        calls.run(what, () -> {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                if (format.exportMime() != null) {
                    drive.files().export(fileId, format.exportMime()).executeMediaAndDownloadTo(out);
                } else {
                    drive.files().get(fileId).setSupportsAllDrives(true).executeMediaAndDownloadTo(out);
                }
            }
            return null;
        });
    }

    private static DriveRun run(Exchange exchange) {
        return exchange.getProperty(DriveSync.RUN, DriveRun.class);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
