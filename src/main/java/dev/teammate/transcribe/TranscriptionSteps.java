package dev.teammate.transcribe;

import dev.teammate.audio.AudioDecodingException;
import dev.teammate.extract.ExtractedText;
import dev.teammate.intake.FailedFileRecorder;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.Ledger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The steps of {@code routes/transcribe.yaml} that need code: transcribe a queued recording, save the transcript
 * beside the item's other outputs, hand it on, and keep the recording with its reason when it fails.
 */
public class TranscriptionSteps {

    /** Exchange property holding the {@link Transcript} while the item is indexed. */
    public static final String TRANSCRIPT = "teammateTranscript";

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptionSteps.class);

    private final RecordingTranscriber transcriber;
    private final TranscriptFiles files;
    private final FailedFileRecorder failedFiles;
    private final Ledger ledger;

    public TranscriptionSteps(RecordingTranscriber transcriber, TranscriptFiles files, FailedFileRecorder failedFiles,
            Ledger ledger) {
        this.transcriber = transcriber;
        this.files = files;
        this.failedFiles = failedFiles;
        this.ledger = ledger;
    }

    public Transcript transcribe(Exchange exchange) throws AudioDecodingException, TranscriptionStoppedException {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Path file = exchange.getProperty(RecordingQueue.RECORDING_FILE, Path.class);
        SpeechRecognizer recognizer = exchange.getProperty(RecordingQueue.RECOGNIZER, SpeechRecognizer.class);
        Transcript transcript = transcriber.transcribe(file, item.title(), recognizer);
        exchange.setProperty(TRANSCRIPT, transcript);
        return transcript;
    }

    /** Writes the transcript files and returns the transcript as text for the index. */
    public ExtractedText save(Exchange exchange) throws IOException {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Transcript transcript = exchange.getProperty(TRANSCRIPT, Transcript.class);
        Path folder = files.save(item, transcript);
        LOG.debug("Saved the transcript of {} in {}", item.id(), folder);
        return transcript.asText(item.title());
    }

    /**
     * Keeps a recording whose transcription failed: a dropped file goes to the error folder with its reason, like a
     * file that fails on intake; the ledger lists it as FAILED with the same reason.
     */
    public void failed(Exchange exchange) {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (item == null) {
            LOG.warn("Transcription failed before a recording was chosen: {}", cause == null ? "?" : cause.toString());
            return;
        }
        Path file = exchange.getProperty(RecordingQueue.RECORDING_FILE, Path.class);
        if ("file".equals(item.source()) && file != null) {
            failedFiles.moveToErrors(file, item.id().substring("file:".length()), item, cause);
        } else {
            ledger.recordFailed(item, "transcription failed: "
                    + (cause == null ? "unknown error" : cause.getMessage()));
        }
    }
}
