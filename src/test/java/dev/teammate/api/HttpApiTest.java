package dev.teammate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.hub.HubRouteTestSupport;
import dev.teammate.hub.TestHub;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API as a client sees it: JSON shapes, parameters, errors, and no echoed request headers. */
class HttpApiTest extends HubRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void searchReturnsRankedChunksWithItemDetails() throws Exception {
        hub.dropAndWait("ops/oncall.md", "The on-call engineer restarts the payment gateway when latency alarms fire.");
        hub.dropAndWait("hr/holidays.md", "Company holidays for next year include two extra days in December.");

        HttpResponse<String> response = hub.get("/api/search?q=" + TestHub.encode("who restarts the gateway") + "&k=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().map()).doesNotContainKey("q").doesNotContainKey("k");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("k").asInt()).isEqualTo(1);
        JsonNode results = body.get("results");
        assertThat(results).hasSize(1);
        JsonNode top = results.get(0);
        assertThat(top.get("rank").asInt()).isEqualTo(1);
        assertThat(top.get("score").asDouble()).isPositive();
        assertThat(top.get("item_id").asText()).isEqualTo("file:ops/oncall.md");
        assertThat(top.get("title").asText()).isEqualTo("oncall.md");
        assertThat(top.get("link").asText()).endsWith("/done/ops/oncall.md");
        assertThat(top.get("text").asText()).contains("payment gateway");
        assertThat(Instant.parse(top.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void filtersBySourceItemAndTime() throws Exception {
        var old = hub.drop("old.md", "Release notes for the search feature, first version.");
        java.nio.file.Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2025-01-15T00:00:00Z")));
        hub.awaitInboxEmpty(java.time.Duration.ofSeconds(60));
        hub.dropAndWait("new.md", "Release notes for the search feature, second version.");

        assertThat(items(hub.search("release notes search feature", 10))).contains("file:old.md", "file:new.md");
        assertThat(items(hub.getJson("/api/search?q=release+notes&from=2026-01-01"))).containsExactly("file:new.md");
        assertThat(items(hub.getJson("/api/search?q=release+notes&to=2026-01-01"))).containsExactly("file:old.md");
        assertThat(items(hub.getJson("/api/search?q=release+notes&item=" + TestHub.encode("file:old.md"))))
                .containsExactly("file:old.md");
        assertThat(items(hub.getJson("/api/search?q=release+notes&source=slack"))).isEmpty();
    }

    @Test
    void badParametersAnswer400WithTheReason() throws Exception {
        assertError(hub.get("/api/search"), 400, "q is required");
        assertError(hub.get("/api/search?q=x&k=0"), 400, "k must be between");
        assertError(hub.get("/api/search?q=x&k=ten"), 400, "whole number");
        assertError(hub.get("/api/search?q=x&from=yesterday"), 400, "from must be a date");
        assertError(hub.get("/api/search?q=x&mode=fuzzy"), 400, "mode must be one of");
        assertError(hub.get("/api/items/" + TestHub.encode("file:nope.md")), 404, "no item file:nope.md");
        assertError(hub.delete("/api/items/" + TestHub.encode("file:nope.md")), 404, "no item");
    }

    @Test
    void itemsListShowAndDelete() throws Exception {
        hub.dropAndWait("team/okrs 2027.md", "Objective: halve the time from signup to first invoice.");
        String id = "file:team/okrs 2027.md";

        JsonNode list = hub.getJson("/api/items");
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("status").asText()).isEqualTo("indexed");

        JsonNode item = hub.getJson("/api/items/" + TestHub.encode(id));
        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.get("chunks").asInt()).isEqualTo(item.get("chunks_stored").asInt()).isPositive();
        assertThat(hub.getJson("/api/items?id=" + TestHub.encode(id)).get("id").asText()).isEqualTo(id);

        HttpResponse<String> deleted = hub.delete("/api/items/" + TestHub.encode(id));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(hub.store().chunkIds(id)).isEmpty();
        assertThat(hub.getJson("/api/items").get("items")).isEmpty();
    }

    @Test
    void healthReportsCounts() throws Exception {
        hub.dropAndWait("a.md", "Alpha document about onboarding.");
        JsonNode health = hub.getJson("/api/health");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("chunks").asLong()).isPositive();
        assertThat(health.get("items").get("indexed").asLong()).isEqualTo(1);
    }

    private static java.util.List<String> items(JsonNode body) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        body.get("results").forEach(r -> {
            if (!ids.contains(r.get("item_id").asText())) {
                ids.add(r.get("item_id").asText());
            }
        });
        return ids;
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
    }
}
