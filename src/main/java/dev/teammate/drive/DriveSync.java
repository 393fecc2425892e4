package dev.teammate.drive;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.Change;
import com.google.api.services.drive.model.File;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.source.SourceStatus;
import dev.teammate.source.SourceStatuses;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The run-level steps of {@code routes/drive.yaml} (bean {@code driveSync}): decide what a run has to do, and save
 * where it got to only once all of it is done.
 *
 * <ul>
 *   <li><b>First run</b> (or after the watched folders or drives were changed in the settings): take the changes
 *       feed's start token first, then list everything watched. Every listed file is stored (an unchanged version is
 *       no work) and every Drive item the ledger knows that was not listed is removed. Changes made during the
 *       listing come again in the next run's feed, which is harmless.</li>
 *   <li><b>Later runs</b>: every page of the changes feed since the saved token. A file that is removed, trashed, or
 *       no longer in a watched folder (directly or below) is removed; one that is in is stored. A change to a folder
 *       that moves it into or out of the watched tree, trashes or deletes it lists everything again, since Drive
 *       reports only the folder, not the files below it.</li>
 * </ul>
 *
 * <p>The new cursor (token and known folders) is saved by {@link #finish} after the last file of the run was applied;
 * a failed or killed run saves nothing, so the next one does the same work again, which the ledger's versions make
 * cheap and exact.
 */
public class DriveSync {

    /** The source's name, in item ids, the ledger and {@code /api/sources}. */
    public static final String SOURCE = "drive";
    /** Exchange property holding the {@link DriveRun}. */
    public static final String RUN = "teammateDriveRun";

    private static final String OWNS_RUN = "teammateDriveOwnsRun";
    private static final Logger LOG = LoggerFactory.getLogger(DriveSync.class);
    private static final int LEDGER_PAGE = 1000;

    private final boolean on;
    private final DriveWatch watch;
    private final Supplier<Drive> client;
    private final DriveListing listing;
    private final DriveChangeFeed feed;
    private final Ledger ledger;
    private final SourceStatuses sources;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Clock clock;
    private volatile Instant notBefore = Instant.EPOCH;
    private final AtomicBoolean running = new AtomicBoolean();

    public DriveSync(boolean on, DriveWatch watch, Supplier<Drive> client, DriveListing listing,
            DriveChangeFeed feed, Ledger ledger, SourceStatuses sources, Duration interval, Duration maxBackoff,
            Clock clock) {
        this.on = on;
        this.watch = watch;
        this.client = client;
        this.listing = listing;
        this.feed = feed;
        this.ledger = ledger;
        this.sources = sources;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    /** Whether a run should start now: the source is configured and not waiting out a backoff after failures. */
    public boolean isDue() {
        return on && !clock.instant().isBefore(notBefore) && !running.get();
    }

    /** Works out what this run has to do; the body becomes the list of {@link DriveWork}. */
    public List<DriveWork> plan(Exchange exchange) {
        // Two runs at once would race on the cursor; the route runs one at a time, this makes sure of it.
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a Drive sync is already running");
        }
        exchange.setProperty(OWNS_RUN, true);
        sources.started(SOURCE);
        Drive drive = client.get();
        Optional<DriveCursor> saved = ledger.cursor(SOURCE).map(DriveCursor::fromJson);
        DriveRun run;
        List<DriveWork> work;
        if (saved.isEmpty() || !saved.get().watch().equals(watch.key())) {
            LOG.info(saved.isEmpty() ? "Drive: first sync of {}, listing everything" 
                    : "Drive: the watched folders or drives changed, listing everything again ({})", watch.describe());
            String token = feed.startPageToken(drive);
            DriveListing.Result now = listing.list(drive, watch);
            work = reconcile(now);
            run = new DriveRun(new DriveCursor(token, watch.key(), now.folders()), work.size(), true);
        } else {
            DriveCursor cursor = saved.get();
            DriveChangeFeed.Changes changes = feed.since(drive, cursor.pageToken());
            Map<String, Change> latest = new LinkedHashMap<>();
            for (Change change : changes.changes()) {
                latest.remove(change.getFileId());
                latest.put(change.getFileId(), change);
            }
            Optional<String> moved = folderMoved(latest.values(), cursor.folders());
            if (moved.isPresent()) {
                LOG.info("Drive: {}; listing everything again to find the files it took in or out", moved.get());
                DriveListing.Result now = listing.list(drive, watch);
                work = reconcile(now);
                run = new DriveRun(new DriveCursor(changes.newStartPageToken(), watch.key(), now.folders()),
                        work.size(), true);
            } else {
                work = apply(latest.values(), cursor.folders());
                run = new DriveRun(new DriveCursor(changes.newStartPageToken(), watch.key(), cursor.folders()),
                        work.size(), false);
            }
            LOG.debug("Drive: {} changes since the last sync, {} to apply", changes.changes().size(), work.size());
        }
        exchange.setProperty(RUN, run);
        if (work.size() >= 50) {
            LOG.info("Drive sync: {} files to look at", work.size());
        }
        return work;
    }

    /** Saves the new cursor; called only after every piece of the run's work went through. */
    public void finish(Exchange exchange) {
        DriveRun run = exchange.getProperty(RUN, DriveRun.class);
        ledger.saveCursor(SOURCE, run.next().toJson());
        notBefore = Instant.EPOCH;
        running.set(false);
        sources.succeeded(SOURCE, run.changed(), clock.instant().plus(interval));
        if (run.changed() > 0 || run.fullListing()) {
            LOG.info("Drive sync done: {}", run.summary());
        }
    }

    /** A run failed: nothing is saved, the status says why, and the next runs back off. */
    public void failed(Exchange exchange) {
        if (exchange.getProperty(OWNS_RUN, false, Boolean.class)) {
            running.set(false);
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown error" : reason(cause);
        SourceStatus status = sources.get(SOURCE);
        int errors = status == null ? 1 : status.errorsInARow() + 1;
        Duration wait = backoff(errors);
        notBefore = clock.instant().plus(wait);
        Instant next = notBefore.isAfter(clock.instant().plus(interval)) ? notBefore : clock.instant().plus(interval);
        sources.failed(SOURCE, reason, next);
        LOG.warn("Drive sync failed ({} in a row), the cursor stays where it was and the next run redoes the work: {}"
                + "; next try at {}", errors, reason, next);
    }

    private Duration backoff(int errors) {
        Duration wait = interval.multipliedBy(1L << Math.min(errors - 1, 16));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DriveUnavailableException) {
                return t.getMessage();
            }
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Store everything listed; remove every Drive item the ledger knows that the listing did not show. */
    private List<DriveWork> reconcile(DriveListing.Result now) {
        List<DriveWork> work = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (File file : now.files()) {
            if (DriveFormat.of(file).isSupported()) {
                work.add(DriveWork.store(file));
                listed.add(DriveWork.PREFIX + file.getId());
            }
        }
        for (int offset = 0; ; offset += LEDGER_PAGE) {
            List<LedgerEntry> known = ledger.list(SOURCE, null, offset, LEDGER_PAGE);
            for (LedgerEntry entry : known) {
                if (!listed.contains(entry.itemId())) {
                    work.add(new DriveWork(entry.itemId(), null));
                }
            }
            if (known.size() < LEDGER_PAGE) {
                return work;
            }
        }
    }

    /** The work for a run of changes that left the folder tree as it was. */
    private List<DriveWork> apply(Iterable<Change> changes, Set<String> folders) {
        List<DriveWork> work = new ArrayList<>();
        for (Change change : changes) {
            File file = change.getFile();
            String id = change.getFileId();
            if (file != null && DriveFormat.isFolder(file)) {
                continue;
            }
            boolean known = ledger.find(DriveWork.PREFIX + id).isPresent();
            boolean gone = Boolean.TRUE.equals(change.getRemoved()) || file == null;
            if (!gone && isWatched(file, folders) && DriveFormat.of(file).isSupported()) {
                work.add(DriveWork.store(file));
            } else if (known) {
                work.add(DriveWork.remove(id));
            }
        }
        return work;
    }

    /** Why the folder tree changed in a way only a new listing can follow, if it did. */
    private Optional<String> folderMoved(Iterable<Change> changes, Set<String> folders) {
        for (Change change : changes) {
            File file = change.getFile();
            boolean wasIn = folders.contains(change.getFileId());
            if (file == null || Boolean.TRUE.equals(change.getRemoved())) {
                if (wasIn) {
                    return Optional.of("watched folder " + change.getFileId() + " was deleted");
                }
                continue;
            }
            if (!DriveFormat.isFolder(file)) {
                continue;
            }
            boolean nowIn = !Boolean.TRUE.equals(file.getTrashed())
                    && (watch.folders().contains(file.getId()) || isWatched(file, folders));
            if (wasIn != nowIn) {
                return Optional.of("folder " + file.getId() + (nowIn ? " came into" : " left")
                        + " the watched folders");
            }
        }
        return Optional.empty();
    }

    private boolean isWatched(File file, Set<String> folders) {
        if (Boolean.TRUE.equals(file.getTrashed())) {
            return false;
        }
        if (file.getDriveId() != null && watch.drives().contains(file.getDriveId())) {
            return true;
        }
        if (file.getParents() == null) {
            return false;
        }
        for (String parent : file.getParents()) {
            if (folders.contains(parent)) {
                return true;
            }
        }
        return false;
    }
}
