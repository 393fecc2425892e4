package dev.teammate.extract;

import java.util.Locale;

/** Recording offsets as people cite them: {@code 00:41:07}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String clock(Double seconds) {
        if (seconds == null) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
    }
}
