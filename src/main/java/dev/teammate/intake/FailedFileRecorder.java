package dev.teammate.intake;

import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.Ledger;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Keeps the reason a dropped file failed: a {@code <name>.error.txt} file beside it in the error folder (the file
 * component moves the file itself there), and a FAILED entry in the ledger. Moving the file back into the inbox
 * retries it.
 */
public class FailedFileRecorder {

    public static final String REASON_SUFFIX = ".error.txt";

    private static final Logger LOG = LoggerFactory.getLogger(FailedFileRecorder.class);

    private final Path errorDir;
    private final Ledger ledger;

    public FailedFileRecorder(Path errorDir, Ledger ledger) {
        this.errorDir = errorDir;
        this.ledger = ledger;
    }

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String relativePath = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        String reason = reasonOf(cause);
        LOG.warn("{} failed and was moved to the error folder: {}", relativePath, reason);

        writeReasonFile(relativePath, reason, cause);
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        if (item != null) {
            try {
                ledger.recordFailed(item, reason);
            } catch (RuntimeException e) {
                LOG.warn("Could not record the failure of {} in the ledger: {}", relativePath, e.getMessage());
            }
        }
    }

    /**
     * Moves a file that was taken in but failed in a later stage (transcription) from the done folder to the error
     * folder, with its reason beside it, as if it had failed on intake.
     *
     * @param relativePath the file's path below the inbox, which it keeps below the error folder
     */
    public void moveToErrors(Path doneFile, String relativePath, Item item, Throwable cause) {
        String reason = reasonOf(cause);
        Path target = errorDir.resolve(relativePath).normalize();
        if (!target.startsWith(errorDir)) {
            LOG.warn("Not moving {} outside the error folder", relativePath);
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.move(doneFile, target, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("{} failed and was moved to the error folder: {}", relativePath, reason);
        } catch (IOException e) {
            LOG.warn("{} failed ({}) and could not be moved to the error folder: {}", relativePath, reason,
                    e.getMessage());
        }
        writeReasonFile(relativePath, reason, cause);
        ledger.recordFailed(item, reason);
    }

    private void writeReasonFile(String relativePath, String reason, Throwable cause) {
        Path reasonFile = errorDir.resolve(relativePath + REASON_SUFFIX).normalize();
        if (!reasonFile.startsWith(errorDir)) {
            LOG.warn("Not writing a reason file outside the error folder for {}", relativePath);
            return;
        }
        String text = "File: " + relativePath + "\n"
                + "Failed at: " + Instant.now() + "\n"
                + "Reason: " + reason + "\n"
                + "Error type: " + (cause == null ? "unknown" : cause.getClass().getName()) + "\n"
                + "To retry, fix the file if needed and move it back into the inbox.\n";
        try {
            Files.createDirectories(reasonFile.getParent());
            Files.writeString(reasonFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not write {}: {}", reasonFile, e.getMessage());
        }
    }

    static String reasonOf(Throwable cause) {
        Throwable shown = cause;
        // Camel wraps failures of steps; the wrapped exception is the one that names the problem.
        while (shown instanceof RuntimeCamelException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        if (shown == null) {
            return "unknown error";
        }
        String message = shown.getMessage();
        return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message;
    }
}
