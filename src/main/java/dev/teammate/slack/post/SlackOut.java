package dev.teammate.slack.post;

/**
 * Whether the hub posts to Slack, asked by the filters of {@code routes/slack.yaml}. Slack out is off unless both a
 * bot token and a channel are set; then meeting summaries and drafts can each be turned off on their own.
 */
public final class SlackOut {

    private final boolean on;
    private final boolean summaries;
    private final boolean drafts;
    private final String channel;

    public SlackOut(boolean tokenSet, String channel, boolean summaries, boolean drafts) {
        this.on = tokenSet && channel != null && !channel.isBlank();
        this.channel = channel == null ? "" : channel.strip();
        this.summaries = summaries;
        this.drafts = drafts;
    }

    public boolean isOn() {
        return on;
    }

    public boolean summariesOn() {
        return on && summaries;
    }

    public boolean draftsOn() {
        return on && drafts;
    }

    public String channel() {
        return channel;
    }
}
