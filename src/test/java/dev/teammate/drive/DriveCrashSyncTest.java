package dev.teammate.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.hub.HubProcess;
import dev.teammate.hub.TestHub;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub as users run it, in its own JVM, killed with SIGKILL in the middle of a Drive sync (the first full one,
 * then one following the changes feed) and started again: after a final sync the ledger and the store hold exactly
 * Drive's current content, with no duplicate and nothing stale.
 */
class DriveCrashSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 202})
    void aHubKilledMidSyncComesBackToExactlyDrivesContent(long seed) throws Exception {
        try (FakeDriveServer drive = new FakeDriveServer()) {
            DriveWorld world = new DriveWorld(drive, seed);
            world.seed(60);
            String[] options = options(drive);
            try (HubProcess hub = HubProcess.start(home, options)) {
                hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
                TestHub.await(Duration.ofSeconds(120), "the first files of the first sync to be indexed",
                        () -> indexed(hub) >= 3);
                world.note("kill during the first sync at " + indexed(hub) + " items");
                hub.kill();
            }
            try (HubProcess hub = HubProcess.start(home, options)) {
                hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
                awaitSync(hub);
                for (int i = 0; i < 40; i++) {
                    world.change();
                }
                Instant mark = Instant.now();
                TestHub.await(Duration.ofSeconds(60), "a sync to start",
                        () -> after(lastAttempt(hub), mark));
                Thread.sleep(150 + world.random().nextInt(300));
                world.note("kill during a changes sync");
                hub.kill();
            }
            try (HubProcess hub = HubProcess.start(home, options)) {
                hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
                awaitSync(hub);
                world.note("final sync");
                hub.stop();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\nsteps: " + world.log(), e);
            }
            // Read what the killed and restarted hub left, with Drive off so nothing changes it.
            try (TestHub check = TestHub.start(home.resolve("data"))) {
                world.assertMirrored(check.ledger(), check.store());
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " failed: " + e.getMessage() + "\nsteps: "
                        + String.join("; ", world.log()), e);
            }
        }
    }

    private static String[] options(FakeDriveServer drive) {
        List<String> options = new ArrayList<>();
        for (Map.Entry<Object, Object> setting : DriveHubs.settings(drive, DriveWorld.ROOT, 200).entrySet()) {
            options.add("-D" + setting.getKey() + "=" + setting.getValue());
        }
        options.add("-Dteammate.drive.parallel-files=2");
        return options.toArray(String[]::new);
    }

    private static void awaitSync(HubProcess hub) {
        Instant mark = Instant.now();
        TestHub.await(Duration.ofSeconds(180), "a Drive sync started after " + mark + " to succeed", () -> {
            JsonNode source = drive(hub);
            Instant attempt = instant(source, "last_attempt");
            Instant success = instant(source, "last_success");
            return after(attempt, mark) && success != null && !success.isBefore(attempt);
        });
    }

    private static Instant lastAttempt(HubProcess hub) {
        return instant(drive(hub), "last_attempt");
    }

    private static boolean after(Instant instant, Instant mark) {
        return instant != null && instant.isAfter(mark);
    }

    private static Instant instant(JsonNode source, String field) {
        return source == null || source.get(field) == null || source.get(field).isNull() ? null
                : Instant.parse(source.get(field).asText());
    }

    private static JsonNode drive(HubProcess hub) {
        try {
            for (JsonNode source : get(hub, "/api/sources").get("sources")) {
                if (source.get("name").asText().equals("drive")) {
                    return source;
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private static long indexed(HubProcess hub) {
        try {
            return get(hub, "/api/health").get("items").get("indexed").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static JsonNode get(HubProcess hub, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
