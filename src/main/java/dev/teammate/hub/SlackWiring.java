package dev.teammate.hub;

import dev.teammate.ledger.Ledger;
import dev.teammate.slack.post.FailureClassifier;
import dev.teammate.slack.post.SlackMessages;
import dev.teammate.slack.post.SlackOut;
import dev.teammate.slack.post.SlackOutbox;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds the beans of {@code routes/slack.yaml}: {@code slackOut} (whether summaries and drafts are posted),
 * {@code slackMessages} (what a post says) and {@code slackOutbox} (the posts waiting for Slack, and what became of
 * each try). Slack out is off unless {@code teammate.slack.token} and {@code teammate.slack.channel} are both set.
 */
public final class SlackWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SlackWiring.class);

    private SlackWiring() {
    }

    public static void bind(CamelContext context, Ledger ledger) throws IOException {
        String token = HubSettings.optional(context, "teammate.slack.token");
        String channel = HubSettings.optional(context, "teammate.slack.channel");
        String serverUrl = HubSettings.text(context, "teammate.slack.server-url");
        SlackOut slackOut = new SlackOut(token != null, channel,
                flag(context, "teammate.slack.post-summaries"), flag(context, "teammate.slack.post-drafts"));
        FailureClassifier classifier = new FailureClassifier(slackOut.channel(), serverUrl, token,
                Duration.ofMillis(HubSettings.integer(context, "teammate.slack.retry-ms")),
                Duration.ofMillis(HubSettings.integer(context, "teammate.slack.setup-retry-ms")));
        Path slackDir = HubConfiguration.folder(context, "teammate.slack.dir");
        SlackOutbox outbox = new SlackOutbox(slackDir, ledger, slackOut, classifier);

        context.getRegistry().bind("slackOut", slackOut);
        context.getRegistry().bind("slackMessages", new SlackMessages());
        context.getRegistry().bind("slackOutbox", outbox);

        long waiting = outbox.waiting();
        if (slackOut.isOn()) {
            LOG.info("Slack out: posting to {} through {} (meeting summaries {}, drafts {}); posts waiting: {}",
                    slackOut.channel(), serverUrl, onOff(slackOut.summariesOn()), onOff(slackOut.draftsOn()),
                    waiting);
        } else {
            LOG.info("Slack out is off: set TEAMMATE_SLACK_BOT_TOKEN and teammate.slack.channel to post meeting"
                    + " summaries and drafts{}", waiting == 0 ? "" : " (" + waiting + " posts wait in " + slackDir
                    .resolve("pending") + ")");
        }
    }

    private static boolean flag(CamelContext context, String key) {
        String value = HubSettings.text(context, key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
