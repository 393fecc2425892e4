package dev.teammate.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.draft.Draft;
import dev.teammate.draft.DraftRequest;
import dev.teammate.draft.DraftTemplate;
import dev.teammate.draft.DraftTemplates;
import dev.teammate.retrieve.Source;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/draft} with {@code {"template": "prd", "topic": "...", "filters": {...}}} drafts a document into
 * the outbox; {@code GET /api/drafts/templates} lists the templates there are.
 */
public class DraftApi {

    private static final int MAX_TOPIC_CHARS = 500;

    private final DraftTemplates templates;

    public DraftApi(DraftTemplates templates) {
        this.templates = templates;
    }

    public DraftRequest request(Exchange exchange) throws IOException {
        JsonNode body = JsonBodies.object(exchange);
        String template = body.path("template").asText("").strip();
        if (template.isEmpty()) {
            throw ApiException.badRequest("template is required, one of " + templates.names());
        }
        if (!templates.names().contains(template)) {
            throw ApiException.notFound("no draft template '" + template + "'; there are " + templates.names());
        }
        String topic = body.path("topic").asText("").strip();
        if (topic.length() > MAX_TOPIC_CHARS) {
            throw ApiException.badRequest("topic is too long: at most " + MAX_TOPIC_CHARS + " characters");
        }
        return new DraftRequest(template, topic, JsonFilters.parse(body.get("filters")));
    }

    public void reply(Exchange exchange) {
        Draft draft = exchange.getMessage().getBody(Draft.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", draft.found() ? "drafted" : "not_found");
        body.put("template", draft.template().name());
        body.put("title", draft.title());
        body.put("file", draft.file().toString());
        List<Map<String, Object>> citations = Source.describeAll(draft.citations());
        body.put("citations", citations);
        if (!draft.removed().isEmpty()) {
            body.put("removed_citations", draft.removed());
        }
        body.put("sources_considered", draft.considered());
        body.put("model_tier", draft.tier());
        body.put("markdown", draft.markdown());
        ApiResponses.reply(exchange, 200, body);
    }

    public void list(Exchange exchange) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String name : templates.names()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            try {
                DraftTemplate template = templates.load(name);
                entry.put("title", template.title());
                entry.put("tier", template.tier());
                entry.put("window", template.window() == null ? "all" : template.window().toDays() + "d");
                entry.put("output", template.output());
            } catch (IOException e) {
                entry.put("error", e.getMessage());
            }
            list.add(entry);
        }
        ApiResponses.reply(exchange, 200, Map.of("templates", list));
    }
}
