package dev.teammate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** Reads a request's JSON body, refusing anything but a JSON object with a 400 that says what was wrong. */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CHARS = 100_000;

    private JsonBodies() {
    }

    static JsonNode object(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        if (text.length() > MAX_CHARS) {
            throw ApiException.badRequest("the JSON body is too long: at most " + MAX_CHARS + " characters");
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }
}
