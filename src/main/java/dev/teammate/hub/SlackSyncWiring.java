package dev.teammate.hub;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.teammate.ledger.Ledger;
import dev.teammate.slack.sync.SlackChannels;
import dev.teammate.slack.sync.SlackReader;
import dev.teammate.slack.sync.SlackSync;
import dev.teammate.slack.sync.SlackSyncSettings;
import dev.teammate.slack.sync.ThreadItems;
import dev.teammate.slack.sync.UserNames;
import dev.teammate.source.SourceStatuses;
import org.apache.camel.CamelContext;
import org.apache.camel.component.slack.helper.SlackHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the beans of {@code routes/slack-sync.yaml}: {@code slackSync} (the sync's steps) and {@code slackSyncPool}
 * (the threads indexing several threads at once), and registers the source {@code slack} with the {@code sources}
 * status. Syncing is off unless {@code teammate.slack.sync.channels} and a token are set.
 *
 * <p>The SDK client is made the way camel-slack makes its own ({@link SlackHelper#createSlackConfig} with the server
 * URL, a {@link SlackHttpClient}), so a test or a proxy changes only {@code teammate.slack.server-url}.
 */
public final class SlackSyncWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSyncWiring.class);

    private SlackSyncWiring() {
    }

    public static void bind(CamelContext context, HubResources resources, Ledger ledger, SourceStatuses sources) {
        SlackSyncSettings settings = settings(context);

        SlackConfig config = SlackHelper.createSlackConfig(settings.serverUrl());
        // The SDK's call statistics look up the team with an extra auth.test; a sync counts its own requests.
        config.setStatsEnabled(false);
        Slack slack = resources.add(Slack.getInstance(config, new SlackHttpClient()));
        SlackReader reader = new SlackReader(slack, settings);
        ThreadItems items = new ThreadItems(new UserNames(reader));
        SlackSync sync = new SlackSync(settings, reader, new SlackChannels(reader), items, ledger, sources,
                Clock.systemUTC());

        context.getRegistry().bind("slackSync", sync);
        context.getRegistry().bind("slackSyncPool", resources.addExecutor(pool(settings.parallelThreads())));

        if (settings.isOn()) {
            sources.register(ThreadItems.SOURCE, true, "channels " + String.join(", ", settings.channels()));
            LOG.info("Slack channels: syncing {} every {} s through {} (first sync reads {} days; recheck of {} days"
                    + " every {} min; history {}/min, replies {}/min, {} messages a page)",
                    String.join(", ", settings.channels()), settings.interval().toSeconds(), settings.serverUrl(),
                    settings.backfillDays(), settings.recheckDays(), settings.recheckEvery().toMinutes(),
                    perMinute(settings.historyPerMinute()), perMinute(settings.repliesPerMinute()),
                    settings.pageSize());
        } else {
            String missing = settings.channels().isEmpty() ? "teammate.slack.sync.channels" : settings.tokenVariable();
            sources.register(ThreadItems.SOURCE, false, "off: set " + missing);
            LOG.info("Slack channels are not synced: set teammate.slack.sync.channels and a bot token"
                    + " (TEAMMATE_SLACK_BOT_TOKEN) to read them into the index");
        }
    }

    private static SlackSyncSettings settings(CamelContext context) {
        String token = HubSettings.optional(context, "teammate.slack.sync.token");
        String botToken = HubSettings.optional(context, "teammate.slack.token");
        String tokenVariable = token != null && token.equals(botToken) ? "TEAMMATE_SLACK_BOT_TOKEN"
                : "the variable teammate.slack.sync.token names";
        String channels = HubSettings.optional(context, "teammate.slack.sync.channels");
        List<String> channelList = channels == null ? List.of()
                : Arrays.stream(channels.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new SlackSyncSettings(
                channelList,
                token,
                tokenVariable,
                HubSettings.text(context, "teammate.slack.server-url"),
                HubSettings.optional(context, "teammate.slack.sync.workspace-url"),
                HubSettings.integer(context, "teammate.slack.sync.backfill-days"),
                HubSettings.integer(context, "teammate.slack.sync.recheck-days"),
                Duration.ofMinutes(HubSettings.integer(context, "teammate.slack.sync.recheck-minutes")),
                Duration.ofMillis(HubSettings.integer(context, "teammate.slack.sync.interval-ms")),
                HubSettings.integer(context, "teammate.slack.sync.history-per-minute"),
                HubSettings.integer(context, "teammate.slack.sync.replies-per-minute"),
                HubSettings.integer(context, "teammate.slack.sync.page-size"),
                Duration.ofMillis(HubSettings.integer(context, "teammate.slack.sync.retry-ms")),
                HubSettings.integer(context, "teammate.slack.sync.retries"),
                Duration.ofMillis(HubSettings.integer(context, "teammate.slack.sync.max-backoff-ms")),
                Math.max(1, HubSettings.integer(context, "teammate.slack.sync.parallel-threads")));
    }

    /** A few threads and a short queue: the route reads threads from Slack no further ahead than they are indexed. */
    private static ExecutorService pool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(threads * 4),
                runnable -> {
                    Thread thread = new Thread(runnable, "slack-sync-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private static String perMinute(int calls) {
        return calls <= 0 ? "unpaced" : String.valueOf(calls);
    }
}
