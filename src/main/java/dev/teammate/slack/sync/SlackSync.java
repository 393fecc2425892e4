package dev.teammate.slack.sync;

import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.slack.sync.SlackChannels.Channel;
import dev.teammate.slack.sync.SlackChannels.Resolution;
import dev.teammate.slack.sync.SlackReadException.Kind;
import dev.teammate.source.SourceStatus;
import dev.teammate.source.SourceStatuses;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * The steps of {@code routes/slack-sync.yaml} (bean {@code slackSync}): plan a sync (which channels, from where,
 * whether the look-back window is read again, which channels are no longer configured), list each channel's changed
 * threads, move the channel's cursor as they are stored, and report the outcome to the {@code sources} status.
 *
 * <p>One sync runs at a time; a second caller waits for the first to end.
 */
public class SlackSync {

    /** Header on {@code direct:slack-sync}: {@code true} reads every channel's look-back window again now. */
    public static final String RECHECK = "TeammateSlackRecheck";

    private static final Logger LOG = LoggerFactory.getLogger(SlackSync.class);
    private static final String HELD = "teammateSlackSyncHeld";
    private static final String CHANNELS_CURSOR = "slack#channels";

    private final SlackSyncSettings settings;
    private final SlackReader reader;
    private final SlackChannels channels;
    private final ThreadItems items;
    private final Ledger ledger;
    private final SourceStatuses sources;
    private final Clock clock;
    private final Semaphore oneAtATime = new Semaphore(1);
    private volatile String workspaceUrl;
    private volatile Instant nextAttempt;
    private volatile Instant started;
    private final List<ChannelRun> runs = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public SlackSync(SlackSyncSettings settings, SlackReader reader, SlackChannels channels, ThreadItems items,
                     Ledger ledger, SourceStatuses sources, Clock clock) {
        this.settings = settings;
        this.reader = reader;
        this.channels = channels;
        this.items = items;
        this.ledger = ledger;
        this.sources = sources;
        this.clock = clock;
        this.workspaceUrl = settings.workspaceUrl();
    }

    public boolean isOn() {
        return settings.isOn();
    }

    /** For the schedule: on, and not waiting out the back-off after failed syncs. */
    public boolean isDue() {
        Instant next = nextAttempt;
        return isOn() && (next == null || !clock.instant().isBefore(next));
    }

    /** Plans a sync: one run per configured channel, and one per channel no longer configured. */
    public List<ChannelRun> begin(Exchange exchange) throws InterruptedException {
        oneAtATime.acquire();
        exchange.setProperty(HELD, true);
        runs.clear();
        problems.clear();
        started = clock.instant();
        sources.started(ThreadItems.SOURCE);
        boolean forced = Boolean.TRUE.equals(exchange.getMessage().getHeader(RECHECK, Boolean.class));

        if (workspaceUrl == null) {
            workspaceUrl = reader.workspaceUrl();
        }
        Resolution resolution = channels.resolve(settings.channels());
        problems.addAll(resolution.problems());
        for (Channel channel : resolution.channels()) {
            runs.add(plan(channel, forced));
        }
        // Only when every configured channel is known: a name that no longer resolves (renamed, or Slack answering
        // oddly) must not make its items look unconfigured.
        if (resolution.problems().isEmpty()) {
            Set<String> configured = resolution.channels().stream().map(Channel::id).collect(Collectors.toSet());
            for (String id : knownChannels()) {
                if (!configured.contains(id)) {
                    runs.add(new ChannelRun(id, id, true, false, new SlackTs(0, 0),
                            ChannelCursor.first(new SlackTs(0, 0)), ledger, clock));
                }
            }
        }
        return List.copyOf(runs);
    }

    /** The changed threads of a channel, read as the route asks for them. */
    public Iterator<ThreadChange> changes(ChannelRun run) {
        if (!run.isRemoved()) {
            LOG.debug("Slack {}: reading messages after {}{}", run.name(), run.from(), run.isRecheck()
                    ? " (recheck)" : "");
        }
        return new ChannelChanges(run, reader, items, ledger, workspaceUrl);
    }

    /** A thread's item was stored or removed. */
    public void threadDone(ThreadChange change) {
        change.run().done(change.ts(), change.isRemoved(), change.unlisted(), true, change.messages());
    }

    /** Every changed thread of the channel is done. */
    public void channelDone(ChannelRun run) {
        run.finished();
        LOG.info("Slack {}", run.summary());
    }

    /** A channel's sync failed; the others go on, and its cursor stays where its stored threads reached. */
    public void channelFailed(Exchange exchange) {
        ChannelRun run = exchange.getMessage().getBody(ChannelRun.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = reason(failure);
        LOG.warn("Slack {}: sync failed, the next sync resumes from {}: {}", run == null ? "?" : run.name(),
                run == null ? "?" : run.cursor().newest(), reason);
        synchronized (problems) {
            problems.add((run == null ? "" : run.name() + ": ") + reason);
        }
        if (failure instanceof SlackReadException read && read.kind() == Kind.TOKEN) {
            // Every channel would fail the same way.
            throw read;
        }
    }

    /** The sync ended: its outcome goes to {@code /api/sources}. */
    public void finish(Exchange exchange) {
        int changed = runs.stream().mapToInt(ChannelRun::changed).sum();
        Duration took = Duration.between(started, clock.instant());
        if (problems.isEmpty()) {
            ledger.saveCursor(CHANNELS_CURSOR, runs.stream().filter(r -> !r.isRemoved()).map(ChannelRun::channelId)
                    .collect(Collectors.joining(",")));
            nextAttempt = null;
            sources.succeeded(ThreadItems.SOURCE, changed, clock.instant().plus(settings.interval()));
            LOG.info(String.format(Locale.ROOT, "Slack sync done: %d channels, %d items changed in %.1f s",
                    runs.size(), changed, took.toMillis() / 1000.0));
        } else {
            reportFailure(String.join("; ", problems), false);
        }
    }

    /** The sync stopped as a whole (the token, the channel list, or the workspace's address failed). */
    public void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = reason(failure);
        boolean token = failure instanceof SlackReadException read && read.kind() == Kind.TOKEN;
        reportFailure(reason, token);
    }

    /** Lets the next sync start. */
    public void end(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getProperty(HELD, Boolean.class))) {
            exchange.removeProperty(HELD);
            oneAtATime.release();
        }
    }

    private ChannelRun plan(Channel channel, boolean forced) {
        Instant now = clock.instant();
        String key = ChannelCursor.key(channel.id());
        ChannelCursor cursor = ledger.cursor(key).flatMap(ChannelCursor::parse).orElse(null);
        if (cursor == null) {
            cursor = ChannelCursor.first(SlackTs.of(now.minus(Duration.ofDays(settings.backfillDays()))));
            ledger.saveCursor(key, cursor.format());
            LOG.info("Slack {}: first sync, reading the last {} days (from {})", channel.name(),
                    settings.backfillDays(), cursor.windowStart().instant());
            return new ChannelRun(channel.id(), channel.name(), false, true, cursor.windowStart(), cursor, ledger,
                    clock);
        }
        boolean recheck = forced || cursor.lastRecheck() == null
                || !now.isBefore(cursor.lastRecheck().plus(settings.recheckEvery()));
        SlackTs from = cursor.newest();
        if (recheck) {
            SlackTs lookBack = SlackTs.of(now.minus(Duration.ofDays(settings.recheckDays())));
            from = lookBack.isAfter(from) ? from : lookBack;
            from = cursor.windowStart().isAfter(from) ? cursor.windowStart() : from;
        }
        return new ChannelRun(channel.id(), channel.name(), false, recheck, from, cursor, ledger, clock);
    }

    /** Channels this hub synced before: those last configured, and those its ledger holds items of. */
    private Set<String> knownChannels() {
        Set<String> known = new LinkedHashSet<>();
        ledger.cursor(CHANNELS_CURSOR).filter(s -> !s.isBlank())
                .ifPresent(s -> known.addAll(Arrays.asList(s.split(","))));
        for (int offset = 0; ; offset += 1000) {
            List<LedgerEntry> page = ledger.list(ThreadItems.SOURCE, null, offset, 1000);
            for (LedgerEntry entry : page) {
                String id = entry.itemId();
                int first = id.indexOf(':');
                int last = id.lastIndexOf(':');
                if (last > first) {
                    known.add(id.substring(first + 1, last));
                }
            }
            if (page.size() < 1000) {
                return known;
            }
        }
    }

    private void reportFailure(String reason, boolean tokenRefused) {
        SourceStatus status = sources.get(ThreadItems.SOURCE);
        int failures = status == null ? 1 : status.errorsInARow() + 1;
        Duration wait = tokenRefused ? settings.maxBackoff() : settings.interval().multipliedBy(
                1L << Math.min(failures - 1, 20));
        wait = wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
        nextAttempt = clock.instant().plus(wait);
        sources.failed(ThreadItems.SOURCE, reason, nextAttempt);
        LOG.warn("Slack sync failed ({} in a row), next try at {}: {}", failures, nextAttempt, reason);
    }

    private static String reason(Exception failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof SlackReadException read) {
                return read.getMessage();
            }
            cause = cause.getCause();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
