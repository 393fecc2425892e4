package dev.teammate.intake;

import dev.teammate.extract.DocumentKind;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.ExtractionException;
import dev.teammate.extract.TextExtractor;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.Ledger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The steps of the file-drop route that need code: turning a dropped file into an {@link Item}, and reading its
 * text. The routing choices between them are in {@code routes/intake-file.yaml}.
 */
public class FileDropSteps {

    /** Header naming what the dropped file is: a {@link DocumentKind} name, or {@code DELETE} for a marker. */
    public static final String KIND = "TeammateKind";
    /** Header set to true when this exact version of the item is already indexed. */
    public static final String UNCHANGED = "TeammateUnchanged";

    /** A file named {@code <name>.delete} in the inbox removes the item that {@code <name>} was. */
    public static final String DELETE_SUFFIX = ".delete";

    private static final Logger LOG = LoggerFactory.getLogger(FileDropSteps.class);

    private final Path doneDir;
    private final TextExtractor extractor;
    private final Ledger ledger;

    public FileDropSteps(Path doneDir, TextExtractor extractor, Ledger ledger) {
        this.doneDir = doneDir;
        this.extractor = extractor;
        this.ledger = ledger;
    }

    /** Describes the dropped file as an item and says what kind of file it is. */
    public void describe(Exchange exchange) {
        Message message = exchange.getMessage();
        String relativePath = relativePath(message);
        if (relativePath.endsWith(DELETE_SUFFIX)) {
            message.setHeader(KIND, "DELETE");
            String named = relativePath.substring(0, relativePath.length() - DELETE_SUFFIX.length());
            message.setHeader(ItemExchange.ITEM_ID, "file:" + named);
            return;
        }

        Path file = Path.of(message.getHeader(Exchange.FILE_PATH, String.class));
        long lastModified = message.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
        Item item = new Item("file:" + relativePath, "file", fileName(relativePath),
                doneDir.resolve(relativePath).toUri().toString(), sha256(file), Instant.ofEpochMilli(lastModified));
        exchange.setProperty(ItemExchange.ITEM, item);
        message.setHeader(KIND, DocumentKind.of(relativePath).name());
        message.setHeader(UNCHANGED, ledger.isIndexed(item));
    }

    /** Reads the dropped file's text; fails with a reason a person can act on. */
    public ExtractedText extract(Exchange exchange) throws ExtractionException {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        ExtractedText text = extractor.extract(file, fileName(item.id()));
        if (text.title() != null && !text.title().isBlank()) {
            exchange.setProperty(ItemExchange.ITEM, item.withTitle(text.title().strip()));
        }
        LOG.debug("Extracted {} characters from {}", text.characters(), item.id());
        return text;
    }

    /** Fails the exchange for a file type the hub does not take. */
    public void reject(Exchange exchange) {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        throw new UnsupportedFileException(fileName(item.id()) + ": this kind of file is not taken. "
                + "Documents: " + listed(DocumentKind.DOCUMENT) + "; transcripts: " + listed(DocumentKind.TRANSCRIPT)
                + "; recordings: " + listed(DocumentKind.RECORDING));
    }

    private static String listed(DocumentKind kind) {
        return kind.extensions().stream().sorted().map(e -> "." + e).collect(Collectors.joining(" "));
    }

    private static String relativePath(Message message) {
        // CamelFileName is relative to the watched folder, with the sub folders when recursive.
        String name = message.getHeader(Exchange.FILE_NAME, String.class);
        return name.replace('\\', '/');
    }

    /** The file name of a relative path, or of a {@code file:} item id. */
    private static String fileName(String path) {
        String relative = path.startsWith("file:") ? path.substring("file:".length()) : path;
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.getFileName() + " to hash it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
