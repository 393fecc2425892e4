package dev.teammate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A hub killed (SIGKILL) in the middle of taking in files comes back and indexes each of them exactly once. */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NOTES = 40;

    @TempDir
    Path home;

    @Test
    void aHubKilledWhileTakingInFilesIndexesEachOnceAfterARestart() throws Exception {
        Path inbox = home.resolve("data/inbox");
        Files.createDirectories(inbox);
        for (int i = 0; i < NOTES; i++) {
            Files.writeString(inbox.resolve("note-" + i + ".md"), "Note " + i + " on the quarterly retention review."
                    + " The team discussed churn and onboarding for accounts in region " + i + ". "
                    + "Onboarding emails, trial length and the pricing page came up again. ".repeat(40));
        }
        String[] options = {"-Dteammate.inbox.stable-ms=200", "-Dteammate.inbox.poll-ms=100"};

        try (HubProcess hub = HubProcess.start(home, options)) {
            hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
            TestHub.await(Duration.ofSeconds(90), "the first notes to be indexed", () -> indexed(hub) >= 3);
            hub.kill();
        }
        try (HubProcess hub = HubProcess.start(home, options)) {
            hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
            try {
                TestHub.await(Duration.ofSeconds(120), "every note indexed", () -> indexed(hub) == NOTES);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; items: " + get(hub, "/api/items?limit=100")
                        + "\ninbox: " + java.util.Arrays.toString(inbox.toFile().list()) + "\nlog: " + hub.log(), e);
            }

            Map<String, Integer> chunksPerItem = new HashMap<>();
            JsonNode hits = get(hub, "/api/search?mode=keyword&k=100&q=" + TestHub.encode("quarterly retention"))
                    .get("results");
            hits.forEach(hit -> chunksPerItem.merge(hit.get("item_id").asText(), 1, Integer::sum));
            assertThat(chunksPerItem).hasSize(NOTES);
            for (int i = 0; i < NOTES; i++) {
                JsonNode item = get(hub, "/api/items/" + TestHub.encode("file:note-" + i + ".md"));
                assertThat(item.get("chunks_stored").asInt()).as("note %d: chunks stored = chunks recorded", i)
                        .isEqualTo(item.get("chunk_ids").size());
            }
            assertThat(get(hub, "/api/health").get("chunks").asLong()).as("no chunk left over from the crash")
                    .isEqualTo(sumOfChunks(hub));
        }
    }

    private static long sumOfChunks(HubProcess hub) throws Exception {
        long sum = 0;
        for (int i = 0; i < NOTES; i++) {
            sum += get(hub, "/api/items/" + TestHub.encode("file:note-" + i + ".md")).get("chunk_ids").size();
        }
        return sum;
    }

    private static long indexed(HubProcess hub) {
        try {
            return get(hub, "/api/health").get("items").get("indexed").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static JsonNode get(HubProcess hub, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
