package dev.teammate.api;

import org.apache.camel.Message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and checks query parameters, answering 400 with the parameter's name when one is wrong. */
final class Params {

    private Params() {
    }

    static String text(Message message, String name) {
        String value = message.getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static int integer(Message message, String name, int defaultValue, int min, int max) {
        String value = text(message, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + value + "'");
        }
    }

    /** A comma-separated list; empty when absent. */
    static Set<String> list(Message message, String name) {
        String value = text(message, name);
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** An ISO-8601 instant ({@code 2026-11-30T09:00:00Z}) or a date ({@code 2026-11-30}, midnight UTC). */
    static Instant instant(Message message, String name) {
        String value = text(message, name);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date (2026-11-30) or an instant (2026-11-30T09:00:00Z),"
                    + " was '" + value + "'");
        }
    }

    static <E extends Enum<E>> E choice(Message message, String name, Class<E> type, E defaultValue) {
        String value = text(message, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    .toLowerCase(java.util.Locale.ROOT) + ", was '" + value + "'");
        }
    }
}
