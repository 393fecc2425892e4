package dev.teammate.slack.sync;

import dev.teammate.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One channel's part of a sync: which range of messages it reads, and how far the channel's cursor may move.
 *
 * <p>Threads are indexed several at once and finish in any order, so the cursor follows a watermark: it moves to
 * the newest listed message below which every listed thread is stored (and only once every removal this run found
 * is done). A sync stopped at any point, by a failure or a killed hub, therefore resumes from a cursor no further than
 * what is stored; what was stored beyond it is found unchanged and costs nothing.
 */
public final class ChannelRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRun.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final String channelId;
    private final String name;
    private final boolean removed;
    private final boolean recheck;
    private final SlackTs from;
    private final Ledger ledger;
    private final Clock clock;
    private final Instant started;
    private final TreeSet<SlackTs> newMessages = new TreeSet<>();
    private final TreeSet<SlackTs> pending = new TreeSet<>();
    private ChannelCursor cursor;
    private int removalsPending;
    private int threads;
    private int threadsDone;
    private int indexed;
    private int removedItems;
    private int unchanged;
    private long messages;
    private Instant lastProgress;

    ChannelRun(String channelId, String name, boolean removed, boolean recheck, SlackTs from, ChannelCursor cursor,
               Ledger ledger, Clock clock) {
        this.channelId = channelId;
        this.name = name;
        this.removed = removed;
        this.recheck = recheck;
        this.from = from;
        this.cursor = cursor;
        this.ledger = ledger;
        this.clock = clock;
        this.started = clock.instant();
        this.lastProgress = started;
    }

    public String channelId() {
        return channelId;
    }

    /** The channel as people name it ({@code #eng}), or its id when its name is not known. */
    public String name() {
        return name;
    }

    /** True for a channel no longer configured: its items are removed. */
    public boolean isRemoved() {
        return removed;
    }

    /** True when this sync reads the look-back window again, not only what came after the cursor. */
    public boolean isRecheck() {
        return recheck;
    }

    /** Messages after this one are read. */
    public SlackTs from() {
        return from;
    }

    synchronized ChannelCursor cursor() {
        return cursor;
    }

    /**
     * Takes the listing: {@code listed} every top-level message read, {@code threadTs} those that are threads to
     * look at, {@code removals} the stored items no longer there.
     */
    synchronized void listed(Collection<SlackTs> listed, Collection<SlackTs> threadTs, int removals) {
        for (SlackTs ts : listed) {
            if (ts.isAfter(cursor.newest())) {
                newMessages.add(ts);
            }
        }
        for (SlackTs ts : threadTs) {
            if (ts.isAfter(cursor.newest())) {
                pending.add(ts);
            }
        }
        threads = threadTs.size() + removals;
        removalsPending = removals;
        if (threads >= 100) {
            LOG.info("Slack {}: {} threads to look at{}", name, threads, removals > 0 ? ", " + removals
                    + " of them removed" : "");
        }
    }

    /**
     * A thread was stored, removed or found unchanged: the cursor may move. {@code unlisted} is a removal of a
     * stored item the listing no longer had.
     */
    synchronized void done(SlackTs ts, boolean removal, boolean unlisted, boolean changed, int threadMessages) {
        threadsDone++;
        messages += threadMessages;
        if (unlisted) {
            removalsPending--;
        }
        if (removal) {
            removedItems++;
        } else if (changed) {
            indexed++;
        } else {
            unchanged++;
        }
        pending.remove(ts);
        advance();
        logProgress();
    }

    /** Every thread of the listing is done: the cursor moves past all of it, and a recheck is recorded. */
    synchronized void finished() {
        pending.clear();
        removalsPending = 0;
        advance();
        if (recheck && !removed) {
            cursor = cursor.withRecheck(started);
            ledger.saveCursor(ChannelCursor.key(channelId), cursor.format());
        }
        if (removed) {
            // Forgotten, so a channel configured again later is read from a new window.
            ledger.saveCursor(ChannelCursor.key(channelId), "");
        }
    }

    public synchronized int changed() {
        return indexed + removedItems;
    }

    synchronized String summary() {
        double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "%s%s: %d threads indexed, %d removed, %d unchanged (%d messages) in %.1f"
                + " s; read from %s, cursor at %s", name, removed ? " (no longer configured)" : recheck
                ? " (recheck)" : "", indexed, removedItems, unchanged, messages, seconds, from, cursor.newest());
    }

    private void advance() {
        if (removalsPending > 0 || newMessages.isEmpty()) {
            return;
        }
        SlackTs reached = pending.isEmpty() ? newMessages.last() : newMessages.lower(pending.first());
        if (reached != null && reached.isAfter(cursor.newest())) {
            cursor = cursor.withNewest(reached);
            ledger.saveCursor(ChannelCursor.key(channelId), cursor.format());
        }
    }

    private void logProgress() {
        Instant now = clock.instant();
        if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) < 0) {
            return;
        }
        lastProgress = now;
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        double perThread = seconds / Math.max(1, threadsDone);
        LOG.info(String.format(Locale.ROOT, "Slack %s: %d of %d threads done (%d messages, %.0f messages/s),"
                + " about %.0f s left", name, threadsDone, threads, messages, messages / seconds,
                perThread * (threads - threadsDone)));
    }
}
