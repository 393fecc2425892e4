package dev.teammate.slack.sync;

import java.time.Duration;
import java.util.List;

/**
 * The settings of Slack channel syncing, each described where it is declared, in {@code application.properties}
 * ({@code teammate.slack.sync.*}).
 *
 * @param channels          channel names ({@code #eng}) or ids ({@code C0123ABCD}); empty turns syncing off
 * @param token             the bot token, or {@code null}; without it syncing is off
 * @param tokenVariable     the environment variable a person should check when the token is refused
 * @param serverUrl         Slack's Web API address (the SDK adds {@code /api/<method>})
 * @param workspaceUrl      the workspace's address for permalinks, or {@code null} to ask {@code auth.test} once
 * @param backfillDays      how far back the first sync of a channel reads
 * @param recheckDays       how far back a recheck reads again (edits, deletions, new replies to older threads)
 * @param recheckEvery      how often a channel is rechecked; {@link Duration#ZERO} means every sync
 * @param interval          time between two syncs
 * @param historyPerMinute  most {@code conversations.history} calls a minute; 0 means no pacing
 * @param repliesPerMinute  most {@code conversations.replies} calls a minute; 0 means no pacing
 * @param pageSize          messages asked for per page ({@code limit}); 15 for apps under the 2025 limits
 * @param retryDelay        first wait after a 5xx or a network failure; doubled on each further try
 * @param retries           tries after the first before a call (and the sync) is given up
 * @param maxBackoff        the longest wait between failed syncs
 * @param parallelThreads   threads indexed at once
 */
public record SlackSyncSettings(List<String> channels, String token, String tokenVariable, String serverUrl,
        String workspaceUrl, int backfillDays, int recheckDays, Duration recheckEvery, Duration interval,
        int historyPerMinute, int repliesPerMinute, int pageSize, Duration retryDelay, int retries,
        Duration maxBackoff, int parallelThreads) {

    public SlackSyncSettings {
        channels = List.copyOf(channels);
        if (pageSize < 1 || pageSize > 999) {
            throw new IllegalArgumentException("teammate.slack.sync.page-size must be 1..999, was " + pageSize);
        }
        if (backfillDays < 1 || recheckDays < 0) {
            throw new IllegalArgumentException("teammate.slack.sync.backfill-days must be at least 1 and "
                    + "recheck-days at least 0");
        }
    }

    public boolean isOn() {
        return token != null && !channels.isEmpty();
    }
}
