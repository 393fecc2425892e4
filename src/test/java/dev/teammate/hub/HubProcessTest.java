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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub started the way users start it, {@code TeammateMain} with the top-level settings and routes: it serves,
 * takes a drop, reloads an edited route when reload is switched on, and stops cleanly.
 */
class HubProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void startsServesReloadsEditedRoutesAndStops() throws Exception {
        try (HubProcess hub = HubProcess.start(home, "-Dcamel.main.routes-reload-enabled=true",
                "-Dteammate.inbox.stable-ms=200", "-Dteammate.inbox.poll-ms=200")) {
            hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));

            Path inbox = home.resolve("data/inbox");
            Files.writeString(inbox.resolve("decision.md"), "We chose Postgres over MongoDB for the ledger service.");
            TestHub.await(Duration.ofSeconds(60), "the drop to be indexed",
                    () -> Files.exists(home.resolve("data/done/decision.md")));
            JsonNode results = get(hub, "/api/search?q=which%20database%20did%20we%20pick&k=1").get("results");
            assertThat(results.get(0).get("item_id").asText()).isEqualTo("file:decision.md");

            Path route = home.resolve("routes/transcribe.yaml");
            // A log step at the start of the route that takes recordings in.
            String intake = "      uri: direct:transcribe\n      steps:\n";
            Files.writeString(route, Files.readString(route).replace(intake, intake + "        - log:\n"
                    + "            message: \"edited route took ${header.CamelFileName}\"\n"));
            TestHub.await(Duration.ofSeconds(30), "the edited route to be reloaded", () -> logContains(hub,
                    "Routes reloaded"));
            Files.write(inbox.resolve("call.mp3"), new byte[] {1, 2, 3});
            TestHub.await(Duration.ofSeconds(30), "the edited route to run",
                    () -> logContains(hub, "edited route took call.mp3"));

            assertThat(hub.stop()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(hub.log()).doesNotContain("ERROR");
        }
    }

    private static boolean logContains(HubProcess hub, String text) {
        try {
            return hub.log().contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static JsonNode get(HubProcess hub, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
