package dev.teammate.api;

import dev.teammate.index.IndexSteps;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.store.VectorStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/items}: what the hub holds, from the ledger. {@code GET /api/items} lists (filters {@code source},
 * {@code status}; paging {@code offset}, {@code limit}); {@code GET /api/items/{id}} shows one item and
 * {@code DELETE /api/items/{id}} removes it and its chunks. Item ids contain {@code :} and {@code /}: URL-encode them
 * in the path, or pass {@code ?id=} instead.
 */
public class ItemsApi {

    private final Ledger ledger;
    private final VectorStore store;
    private final IndexSteps index;

    public ItemsApi(Ledger ledger, VectorStore store, IndexSteps index) {
        this.ledger = ledger;
        this.store = store;
        this.index = index;
    }

    public void list(Exchange exchange) {
        Message message = exchange.getMessage();
        String single = Params.text(message, "id");
        if (single != null) {
            get(exchange);
            return;
        }
        String source = Params.text(message, "source");
        ItemStatus status = Params.choice(message, "status", ItemStatus.class, null);
        int offset = Params.integer(message, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(message, "limit", 100, 1, 1000);
        List<Map<String, Object>> items = ledger.list(source, status, offset, limit).stream()
                .map(ItemsApi::summary).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("items", items);
        ApiResponses.reply(exchange, 200, body);
    }

    public void get(Exchange exchange) {
        String id = itemId(exchange.getMessage());
        LedgerEntry entry = ledger.find(id).orElseThrow(() -> ApiException.notFound("no item " + id));
        Map<String, Object> body = summary(entry);
        body.put("chunk_ids", entry.chunkIds());
        body.put("chunks_stored", store.chunkIds(id).size());
        ApiResponses.reply(exchange, 200, body);
    }

    public void delete(Exchange exchange) {
        String id = itemId(exchange.getMessage());
        if (!index.remove(id)) {
            throw ApiException.notFound("no item " + id);
        }
        ApiResponses.reply(exchange, 200, Map.of("removed", id));
    }

    private static String itemId(Message message) {
        String id = Params.text(message, "id");
        if (id == null) {
            throw ApiException.badRequest("an item id is required");
        }
        return id;
    }

    private static Map<String, Object> summary(LedgerEntry entry) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", entry.itemId());
        item.put("source", entry.source());
        item.put("title", entry.title());
        item.put("link", entry.link());
        item.put("status", entry.status().name().toLowerCase(Locale.ROOT));
        if (entry.reason() != null) {
            item.put("reason", entry.reason());
        }
        item.put("version", entry.version());
        item.put("chunks", entry.chunkIds().size());
        item.put("time", entry.itemTime().toString());
        item.put("first_seen", entry.firstSeen().toString());
        item.put("updated", entry.updated().toString());
        return item;
    }
}
