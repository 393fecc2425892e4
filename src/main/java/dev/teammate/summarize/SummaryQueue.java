package dev.teammate.summarize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.item.ItemFolders;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.llm.ModelErrors;
import dev.teammate.store.StoreUnavailableException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The meetings waiting for a summary, kept in the ledger as items of their own, {@code summary:<meeting id>}: a
 * summary is WAITING from the moment its transcript is indexed until it is written and indexed itself, with the
 * reason it waits. The queue therefore survives restarts and {@code /api/items?source=summary&status=WAITING} shows
 * it. The transcript to summarize is kept in the meeting's outputs folder ({@value #INPUT_FILE}), so a summary can
 * be retried long after the meeting came in.
 *
 * <p>A model endpoint that is down, slow or rate-limited does not count against the meeting: the summary waits and
 * is tried again after {@code retryDelay}, for as long as it takes. Any other failure (replies that stay invalid, a
 * missing template) counts, and after {@code maxAttempts} the summary is marked FAILED with the reason.
 */
public class SummaryQueue {

    public static final String SOURCE = "summary";
    /** Exchange property holding the {@link SummaryJob}. */
    public static final String JOB = "teammateSummaryJob";

    static final String INPUT_FILE = "meeting-transcript.json";
    static final String QUEUED = "queued for summary";
    /** Ends the reason of a summary whose last try failed. */
    private static final String RETRY_NOTE = "; tried again after ";
    private static final String WORKING = "summarizing since ";

    private static final Logger LOG = LoggerFactory.getLogger(SummaryQueue.class);
    // Segments are written with their derived "timed" flag, which is not read back.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Ledger ledger;
    private final Path outputsDir;
    private final Duration retryDelay;
    private final int maxAttempts;

    public SummaryQueue(Ledger ledger, Path outputsDir, Duration retryDelay, int maxAttempts) {
        this.ledger = ledger;
        this.outputsDir = outputsDir;
        this.retryDelay = retryDelay;
        this.maxAttempts = maxAttempts;
    }

    /** Takes in a meeting whose transcript was just indexed (item and text on the exchange) and queues it. */
    public void enqueue(Exchange exchange) throws IOException {
        Item meeting = exchange.getProperty(ItemExchange.ITEM, Item.class);
        ExtractedText text = exchange.getProperty(ItemExchange.TEXT, ExtractedText.class);
        if (text == null) {
            throw new IllegalStateException("no transcript text came with " + meeting.id() + " to summarize");
        }
        Path folder = outputsDir.resolve(ItemFolders.name(meeting.id()));
        Files.createDirectories(folder);
        Map<String, Object> input = Map.of("item", meeting.id(), "title", meeting.title(), "version",
                meeting.version(), "link", meeting.link() == null ? "" : meeting.link(), "time",
                meeting.time().toString(), "segments", text.segments());
        Path partial = folder.resolve("." + INPUT_FILE + ".part");
        JSON.writeValue(partial.toFile(), input);
        Files.move(partial, folder.resolve(INPUT_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        ledger.recordWaiting(summaryItem(meeting, folder), QUEUED);
        LOG.info("Queued {} for a summary ({} transcript lines)", meeting.id(), text.segments().size());
    }

    /** Picks the next summary to make and marks the attempt, or sets a {@code null} body when none is due. */
    public void next(Exchange exchange) throws IOException {
        exchange.getMessage().setBody(null);
        Instant now = Instant.now();
        for (LedgerEntry entry : ledger.list(SOURCE, ItemStatus.WAITING, 0, 1000)) {
            if (!due(entry, now)) {
                continue;
            }
            Item summary = entry.item();
            if (entry.attempts() >= maxAttempts) {
                ledger.recordFailed(summary, entry.reason() + " (gave up after " + entry.attempts() + " attempts;"
                        + " drop the transcript again to retry)");
                LOG.warn("Gave up on the summary of {} after {} attempts: {}", meetingId(entry), entry.attempts(),
                        entry.reason());
                continue;
            }
            SummaryJob job;
            try {
                job = load(summary);
            } catch (IOException | UncheckedIOException e) {
                ledger.recordFailed(summary, "the transcript to summarize could not be read: " + e.getMessage());
                continue;
            }
            ledger.recordAttempt(summary, WORKING + now.truncatedTo(ChronoUnit.SECONDS));
            exchange.setProperty(JOB, job);
            exchange.setProperty(ItemExchange.ITEM, summary);
            exchange.getMessage().setHeader(ItemExchange.ITEM_ID, job.meeting().id());
            exchange.getMessage().setBody(job);
            return;
        }
    }

    /**
     * Records why a summary could not be made. An unreachable, slow or overloaded endpoint leaves it waiting
     * without counting the attempt; other failures count.
     */
    public void failed(Exchange exchange) {
        Item summary = exchange.getProperty(ItemExchange.ITEM, Item.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String retry = RETRY_NOTE + Instant.now().plus(retryDelay).truncatedTo(ChronoUnit.SECONDS);
        if (storeUnavailable(cause)) {
            ledger.recordWaiting(summary, "the store did not answer: " + ModelErrors.describe(cause) + retry);
            LOG.warn("Summary of {} waits: the store did not answer; trying again in {} s", meetingId(summary.id()),
                    retryDelay.toSeconds());
            return;
        }
        if (ModelErrors.unreachable(cause)) {
            String why = ModelErrors.describe(cause, exchange.getMessage().getHeader("TeammateTier", String.class));
            ledger.recordWaiting(summary, "the model endpoint did not answer: " + why + retry);
            LOG.warn("Summary of {} waits: the model endpoint did not answer ({}); trying again in {} s",
                    meetingId(summary.id()), why, retryDelay.toSeconds());
            return;
        }
        ledger.updateWaitingReason(summary.id(), "summary failed: " + ModelErrors.describe(cause) + retry);
        LOG.warn("Summary of {} failed: {}", meetingId(summary.id()), ModelErrors.describe(cause));
    }

    /**
     * Why the last try of this summary failed, without when it is tried again; {@code null} when it is made, failed
     * for good, or not tried yet (queued or being made).
     */
    public static String lastTryFailure(LedgerEntry entry) {
        String reason = entry.reason();
        if (entry.status() != ItemStatus.WAITING || reason == null || !reason.contains(RETRY_NOTE)) {
            return null;
        }
        return reason.substring(0, reason.lastIndexOf(RETRY_NOTE));
    }

    /** Removes the summary of a meeting that is gone; true when there was one. */
    public boolean forget(String meetingId) {
        return ledger.remove(SOURCE + ":" + meetingId);
    }

    private boolean due(LedgerEntry entry, Instant now) {
        String reason = entry.reason() == null ? "" : entry.reason();
        // Queued ones go at once, and so does one that was in progress when the hub stopped.
        return reason.equals(QUEUED) || reason.startsWith(WORKING) || !entry.updated().plus(retryDelay).isAfter(now);
    }

    private SummaryJob load(Item summary) throws IOException {
        String meetingId = meetingId(summary.id());
        Path folder = outputsDir.resolve(ItemFolders.name(meetingId));
        Map<String, Object> input = JSON.readValue(folder.resolve(INPUT_FILE).toFile(), new TypeReference<>() {
        });
        List<Segment> segments = JSON.convertValue(input.get("segments"), new TypeReference<>() {
        });
        String link = (String) input.get("link");
        Item meeting = new Item(meetingId, Item.sourceOf(meetingId), (String) input.get("title"),
                link == null || link.isEmpty() ? null : link, (String) input.get("version"),
                Instant.parse((String) input.get("time")));
        return new SummaryJob(meeting, summary, new MeetingTranscript(meetingId, meeting.title(), segments), folder);
    }

    static Item summaryItem(Item meeting, Path folder) {
        return new Item(SOURCE + ":" + meeting.id(), SOURCE, "Summary of " + meeting.title(),
                folder.resolve(SummaryFiles.MARKDOWN).toUri().toString(), meeting.version(), meeting.time());
    }

    private static String meetingId(LedgerEntry entry) {
        return meetingId(entry.itemId());
    }

    private static boolean storeUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static String meetingId(String summaryId) {
        return summaryId.substring(SOURCE.length() + 1);
    }
}
