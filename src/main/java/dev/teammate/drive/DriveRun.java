package dev.teammate.drive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sync run in progress: the cursor it saves once every piece of its work is done, and its counts. Shared by the
 * files handled in parallel, hence the atomic counters.
 */
public class DriveRun {

    private static final Logger LOG = LoggerFactory.getLogger(DriveRun.class);
    private static final int PROGRESS_MIN = 50;

    private final DriveCursor next;
    private final int total;
    private final boolean fullListing;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public DriveRun(DriveCursor next, int total, boolean fullListing) {
        this.next = next;
        this.total = total;
        this.fullListing = fullListing;
    }

    public DriveCursor next() {
        return next;
    }

    public int total() {
        return total;
    }

    public boolean fullListing() {
        return fullListing;
    }

    public void stored() {
        stored.incrementAndGet();
    }

    public void removed() {
        removed.incrementAndGet();
    }

    public void failed() {
        failed.incrementAndGet();
    }

    /** Items added, changed or removed so far (what {@code /api/sources} shows as the last run's changes). */
    public int changed() {
        return stored.get() + removed.get() + failed.get();
    }

    /** One piece of work finished; logs progress now and then on long runs. */
    public void finishedOne() {
        int now = done.incrementAndGet();
        if (total < PROGRESS_MIN) {
            return;
        }
        int step = Math.max(1, total / 10);
        if (now % step == 0 && now < total) {
            double seconds = seconds();
            double rate = now / Math.max(seconds, 1e-9);
            LOG.info(String.format(Locale.ROOT, "Drive sync: %d/%d files (%d%%), %.1f files/s, about %.0f s left",
                    now, total, now * 100L / total, rate, (total - now) / rate));
        }
    }

    public String summary() {
        return String.format(Locale.ROOT, "%d files looked at, %d stored, %d removed, %d failed, in %.1f s",
                done.get(), stored.get(), removed.get(), failed.get(), seconds());
    }

    private double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
