package dev.teammate.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.retrieve.TimeWindow;
import dev.teammate.store.SearchFilter;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code filters} object of a JSON request: {@code source} and {@code item} (a string or a list), {@code from} and
 * {@code to} (a date or an instant), {@code window} (back from now: {@code 7d}, {@code 24h}, {@code 2w}).
 */
final class JsonFilters {

    private JsonFilters() {
    }

    static SearchFilter parse(JsonNode filters) {
        if (filters == null || filters.isNull() || filters.isMissingNode()) {
            return SearchFilter.NONE;
        }
        if (!filters.isObject()) {
            throw ApiException.badRequest("filters must be an object such as {\"source\": [\"file\"], \"window\":"
                    + " \"7d\"}");
        }
        Instant from = instant(filters, "from");
        Instant to = instant(filters, "to");
        if (filters.hasNonNull("window")) {
            Duration window;
            try {
                window = TimeWindow.parse(filters.get("window").asText());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("filters.window: " + e.getMessage());
            }
            if (window != null) {
                Instant start = Instant.now().minus(window);
                from = from == null || start.isAfter(from) ? start : from;
            }
        }
        return new SearchFilter(strings(filters, "source"), strings(filters, "item"), from, to);
    }

    private static Set<String> strings(JsonNode filters, String name) {
        JsonNode value = filters.get(name);
        Set<String> values = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isTextual()) {
            values.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            throw ApiException.badRequest("filters." + name + " must be a string or a list of strings");
        }
        return values;
    }

    private static Instant instant(JsonNode filters, String name) {
        if (!filters.hasNonNull(name)) {
            return null;
        }
        String value = filters.get(name).asText();
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("filters." + name + " must be a date (2026-11-30) or an instant"
                    + " (2026-11-30T09:00:00Z), was '" + value + "'");
        }
    }
}
