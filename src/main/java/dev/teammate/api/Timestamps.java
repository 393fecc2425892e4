package dev.teammate.api;

import java.util.Locale;

/** Recording offsets as people cite them: {@code 00:41:07}. */
final class Timestamps {

    private Timestamps() {
    }

    static String clock(Double seconds) {
        if (seconds == null) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
    }
}
