package dev.teammate.slack.sync;

import java.time.Instant;
import java.util.Locale;

/**
 * A Slack message timestamp ({@code "1512085950.000216"}): seconds and microseconds since the epoch. It is also the
 * message's id within its channel, so it is kept exactly as Slack wrote it and compared as a number, never as a
 * floating point value (which would merge neighbouring messages).
 */
public record SlackTs(long seconds, int micros) implements Comparable<SlackTs> {

    public SlackTs {
        if (seconds < 0 || micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("not a Slack timestamp: " + seconds + "." + micros);
        }
    }

    public static SlackTs parse(String ts) {
        if (ts == null || ts.isBlank()) {
            throw new IllegalArgumentException("empty Slack timestamp");
        }
        int dot = ts.indexOf('.');
        try {
            if (dot < 0) {
                return new SlackTs(Long.parseLong(ts), 0);
            }
            String fraction = (ts.substring(dot + 1) + "000000").substring(0, 6);
            return new SlackTs(Long.parseLong(ts.substring(0, dot)), Integer.parseInt(fraction));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Slack timestamp: " + ts, e);
        }
    }

    public static SlackTs of(Instant instant) {
        return new SlackTs(instant.getEpochSecond(), instant.getNano() / 1000);
    }

    public Instant instant() {
        return Instant.ofEpochSecond(seconds, micros * 1000L);
    }

    /** The form Slack uses in permalinks: {@code p} and the timestamp without its dot. */
    public String permalinkPart() {
        return String.format(Locale.ROOT, "p%d%06d", seconds, micros);
    }

    public boolean isAfter(SlackTs other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(SlackTs other) {
        int bySeconds = Long.compare(seconds, other.seconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(micros, other.micros);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d.%06d", seconds, micros);
    }
}
