package dev.teammate.api;

import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.store.VectorStore;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/health}: UP when the store and the ledger answer, with their counts. */
public class HealthApi {

    private final Ledger ledger;
    private final VectorStore store;

    public HealthApi(Ledger ledger, VectorStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    public void health(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            Map<String, Object> items = new LinkedHashMap<>();
            for (Map.Entry<ItemStatus, Long> count : ledger.countByStatus().entrySet()) {
                items.put(count.getKey().name().toLowerCase(Locale.ROOT), count.getValue());
            }
            body.put("status", "UP");
            body.put("chunks", store.count());
            body.put("items", items);
            ApiResponses.reply(exchange, 200, body);
        } catch (RuntimeException e) {
            body.put("status", "DOWN");
            body.put("error", e.getMessage());
            ApiResponses.reply(exchange, 503, body);
        }
    }
}
