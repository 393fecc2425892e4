package dev.teammate.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.ask.AskAnswer;
import dev.teammate.ask.AskRequest;
import dev.teammate.retrieve.Source;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/ask} with {@code {"question": "...", "filters": {...}, "sources": 8}}: reads the request for
 * {@code routes/ask.yaml} and writes its answer with the citations.
 */
public class AskApi {

    private static final int MAX_QUESTION_CHARS = 2000;
    private static final int MAX_SOURCES = 30;
    private static final String STARTED = "teammateAskStarted";

    private final int defaultSources;

    public AskApi(int defaultSources) {
        this.defaultSources = defaultSources;
    }

    public AskRequest request(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        JsonNode body = JsonBodies.object(exchange);
        String question = body.path("question").asText("").strip();
        if (question.isEmpty()) {
            throw ApiException.badRequest("question is required: what to answer from your data");
        }
        if (question.length() > MAX_QUESTION_CHARS) {
            throw ApiException.badRequest("question is too long: " + question.length() + " characters, at most "
                    + MAX_QUESTION_CHARS);
        }
        int sources = body.path("sources").asInt(defaultSources);
        if (sources < 1 || sources > MAX_SOURCES) {
            throw ApiException.badRequest("sources must be between 1 and " + MAX_SOURCES + ", was " + sources);
        }
        return new AskRequest(question, JsonFilters.parse(body.get("filters")), sources);
    }

    public void reply(Exchange exchange) {
        AskAnswer answer = exchange.getMessage().getBody(AskAnswer.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", answer.found() ? "answered" : "not_found");
        body.put("answer", answer.text());
        List<Map<String, Object>> citations = Source.describeAll(answer.citations());
        body.put("citations", citations);
        if (!answer.removed().isEmpty()) {
            body.put("removed_citations", answer.removed());
            body.put("note", "The model cited sources it was not given (" + answer.removed() + "); those citations"
                    + " were removed. Check the answer against the citations that remain.");
        } else if (answer.found() && citations.isEmpty()) {
            body.put("note", "The answer cites none of the sources: treat it with care.");
        }
        body.put("sources_considered", answer.considered());
        body.put("model_tier", answer.tier());
        body.put("took_ms", (System.nanoTime() - exchange.getProperty(STARTED, System.nanoTime(), Long.class))
                / 1_000_000);
        ApiResponses.reply(exchange, 200, body);
    }
}
