package dev.teammate.api;

import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.source.SourceStatus;
import dev.teammate.source.SourceStatuses;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/sources}: each synced source with its last success, its items by status and its errors. */
public class SourcesApi {

    private final SourceStatuses statuses;
    private final Ledger ledger;

    public SourcesApi(SourceStatuses statuses, Ledger ledger) {
        this.statuses = statuses;
        this.ledger = ledger;
    }

    public void list(Exchange exchange) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (SourceStatus status : statuses.all()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("name", status.name());
            source.put("enabled", status.enabled());
            source.put("description", status.description());
            source.put("last_attempt", text(status.lastAttempt()));
            source.put("last_success", text(status.lastSuccess()));
            source.put("last_changed", status.lastChanged());
            source.put("errors_in_a_row", status.errorsInARow());
            source.put("last_error", status.lastError());
            source.put("next_attempt", text(status.nextAttempt()));
            Map<String, Object> items = new LinkedHashMap<>();
            for (Map.Entry<ItemStatus, Long> count : ledger.countByStatus(status.name()).entrySet()) {
                items.put(count.getKey().name().toLowerCase(Locale.ROOT), count.getValue());
            }
            source.put("items", items);
            sources.add(source);
        }
        ApiResponses.reply(exchange, 200, Map.of("sources", sources));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
