package dev.teammate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.teammate.draft.DraftTemplates;
import dev.teammate.llm.ModelErrors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes JSON replies. Request headers are cleared first: the HTTP server would otherwise echo query parameters and
 * request headers back as response headers.
 */
public class ApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public static void reply(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        try {
            message.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the reply as JSON", e);
        }
    }

    /** Answers a failed API exchange: the status of an {@link ApiException}, else 500 with a short message. */
    public void error(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        if (cause instanceof ApiException api) {
            body.put("error", api.getMessage());
            reply(exchange, api.status(), body);
            return;
        }
        if (ModelErrors.unreachable(cause)) {
            body.put("error", "the model endpoint did not answer: " + ModelErrors.describe(cause,
                    exchange.getMessage().getHeader("TeammateTier", String.class)) + "; try again later");
            reply(exchange, 503, body);
            return;
        }
        if (cause instanceof DraftTemplates.UnknownTemplateException) {
            body.put("error", cause.getMessage());
            reply(exchange, 404, body);
            return;
        }
        if (cause instanceof IllegalArgumentException) {
            body.put("error", cause.getMessage());
            reply(exchange, 400, body);
            return;
        }
        LOG.warn("API request failed: {}", cause == null ? "unknown error" : cause.toString());
        body.put("error", "internal error: " + (cause == null ? "unknown" : cause.getMessage()));
        reply(exchange, 500, body);
    }
}
