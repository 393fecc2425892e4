package dev.teammate.transcribe;

import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.AudioDecodingException;
import dev.teammate.extract.DocumentKind;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The recordings waiting for transcription, kept in the ledger rather than in memory: a recording is WAITING from the
 * moment it is taken in until its transcript is indexed, with the reason it waits. So the queue survives restarts,
 * {@code /api/items?status=WAITING} shows it, and a recording interrupted by a shutdown is simply still waiting.
 *
 * <p>Each start of work is counted ({@link Ledger#recordAttempt}); a recording whose transcription began
 * {@code maxAttempts} times without ending (the process died each time, for example in native code) is marked
 * FAILED instead of taking the hub down again at every start.
 */
public class RecordingQueue {

    /** Exchange property holding the recording's local file. */
    public static final String RECORDING_FILE = "teammateRecordingFile";
    /** Exchange property holding the {@link SpeechRecognizer} to transcribe it with. */
    public static final String RECOGNIZER = "teammateRecognizer";

    static final String QUEUED = "queued for transcription";

    private static final Logger LOG = LoggerFactory.getLogger(RecordingQueue.class);

    /** How long a queued recording may be missing from the done folder (the intake moves it there last). */
    private static final Duration ARRIVAL_GRACE = Duration.ofMinutes(1);

    private final Ledger ledger;
    private final AudioDecoder decoder;
    private final WhisperModelSlot model;
    private final int maxAttempts;
    private final RecordingCopies copies;

    public RecordingQueue(Ledger ledger, AudioDecoder decoder, WhisperModelSlot model, int maxAttempts) {
        this(ledger, decoder, model, maxAttempts, null);
    }

    /**
     * @param copies where recordings of remote sources (Drive) are kept on this machine, since their ledger link is
     *               the source's web link; {@code null} when only dropped files are transcribed
     */
    public RecordingQueue(Ledger ledger, AudioDecoder decoder, WhisperModelSlot model, int maxAttempts,
            RecordingCopies copies) {
        this.ledger = ledger;
        this.decoder = decoder;
        this.model = model;
        this.maxAttempts = maxAttempts;
        this.copies = copies;
    }

    /**
     * Takes a recording in: checks that it holds audio ffmpeg can decode (a corrupt file, an empty one or a video
     * without sound fails here, on intake, with its reason) and queues it.
     */
    public void enqueue(Exchange exchange) throws AudioDecodingException {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        double seconds = decoder.probeSeconds(file);
        ledger.recordWaiting(item, QUEUED);
        LOG.info("Queued {} for transcription ({})", item.id(), RecordingTranscriber.minutes(seconds));
    }

    /**
     * Picks the next recording to transcribe and marks the attempt, or sets a {@code null} body when there is none
     * or no model to transcribe with (the waiting recordings then say so).
     */
    public void next(Exchange exchange) {
        exchange.getMessage().setBody(null);
        List<LedgerEntry> waiting = waitingRecordings();
        if (waiting.isEmpty()) {
            return;
        }
        WhisperModelSlot.Availability availability = model.current();
        if (!availability.ready()) {
            for (LedgerEntry entry : waiting) {
                if (!availability.problem().equals(entry.reason())) {
                    ledger.recordWaiting(entry.item(), availability.problem());
                }
            }
            return;
        }
        for (LedgerEntry entry : waiting) {
            Optional<Path> file = localFile(entry);
            if (file.isEmpty()) {
                continue;
            }
            Item item = entry.item();
            if (entry.attempts() >= maxAttempts) {
                ledger.recordFailed(item, "transcription started " + entry.attempts() + " times and never finished"
                        + " (the hub stopped or crashed during it each time). Drop the file again to retry");
                LOG.warn("Gave up on {} after {} unfinished transcriptions", item.id(), entry.attempts());
                continue;
            }
            int attempt = ledger.recordAttempt(item, "transcribing since " + Instant.now());
            if (attempt > 1) {
                LOG.info("Transcribing {} again (attempt {}): the last one did not finish", item.id(), attempt);
            }
            exchange.setProperty(ItemExchange.ITEM, item);
            exchange.setProperty(RECORDING_FILE, file.get());
            exchange.setProperty(RECOGNIZER, availability.recognizer());
            exchange.getMessage().setHeader(ItemExchange.ITEM_ID, item.id());
            exchange.getMessage().setBody(item);
            return;
        }
    }

    /** Puts a recording whose transcription was cut short by a shutdown back in the queue, uncounted. */
    public void stopped(Exchange exchange) {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        ledger.recordWaiting(item, QUEUED + " (the last transcription was stopped by a shutdown)");
        LOG.info("Transcription of {} stopped by the shutdown; it starts again when the hub does", item.id());
    }

    private List<LedgerEntry> waitingRecordings() {
        return ledger.list(null, ItemStatus.WAITING, 0, 1000).stream()
                .filter(e -> e.link() != null && DocumentKind.of(e.link()) == DocumentKind.RECORDING
                        || localCopy(e).isPresent())
                .toList();
    }

    /** The local copy of a remote source's recording, found by its item id. */
    private Optional<Path> localCopy(LedgerEntry entry) {
        return copies == null || "file".equals(entry.source()) ? Optional.empty() : copies.find(entry.itemId());
    }

    /** The recording's file on this machine, when it is there. */
    private Optional<Path> localFile(LedgerEntry entry) {
        Optional<Path> copy = localCopy(entry);
        if (copy.isPresent()) {
            return copy;
        }
        Path file;
        try {
            file = Path.of(URI.create(entry.link()));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            ledger.recordFailed(entry.item(), "the recording is not a local file (" + entry.link()
                    + "), which transcription needs");
            return Optional.empty();
        }
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        if (entry.updated().isBefore(Instant.now().minus(ARRIVAL_GRACE))) {
            ledger.recordFailed(entry.item(), "the recording is gone from " + file
                    + "; drop it again to transcribe it");
        }
        return Optional.empty();
    }

}
