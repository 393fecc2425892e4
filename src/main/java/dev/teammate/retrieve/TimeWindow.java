package dev.teammate.retrieve;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time window back from now, written the way people write it: {@code 24h}, {@code 7d}, {@code 2w}, {@code 3m}
 * (months of 30 days); {@code all} means no limit.
 */
public final class TimeWindow {

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})\\s*([hdwm])");

    private TimeWindow() {
    }

    /** The window's length, or {@code null} for {@code all} or an empty value. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("all")) {
            return null;
        }
        Matcher matcher = WINDOW.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a time window is a number and a unit (24h, 7d, 2w, 3m) or all, was '"
                    + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> Duration.ofDays(30 * amount);
        };
    }
}
