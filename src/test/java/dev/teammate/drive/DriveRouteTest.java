package dev.teammate.drive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.extract.SampleDocuments;
import dev.teammate.hub.TestHub;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.source.SourceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Drive source over a whole hub (real routes, real Google client, real index) against the fake Drive: what the
 * first sync takes in, how edits, trash, deletes and moves show in search, and how failures are waited out or
 * reported without moving the cursor.
 */
class DriveRouteTest {

    private static final Duration SYNC = Duration.ofSeconds(60);
    private static final String ROOT = "0AwatchedRootFolder";

    @TempDir
    Path dataDir;

    @TempDir
    Path made;

    private FakeDriveServer drive;

    @BeforeEach
    void startDrive() throws Exception {
        drive = new FakeDriveServer();
        drive.addRootFolder(ROOT, "Team");
    }

    @AfterEach
    void stopDrive() {
        drive.close();
    }

    @Test
    void firstSyncTakesInEveryKindAndLaterSyncsFollowEditsTrashDeletesAndMoves() throws Exception {
        String specs = drive.addFolder("Specs", ROOT);
        String elsewhere = drive.addRootFolder("0AnotWatched", "Private");
        String notes = drive.addFile("notes.md", "text/markdown", ROOT,
                "# Notes\n\nThe zebracorn launch slips a week.");
        String doc = drive.addFile("Roadmap", FakeDriveServer.DOC, specs, "Roadmap: the quokkaplan ships in May.");
        String sheet = drive.addFile("Budget", FakeDriveServer.SHEET, specs, "item,cost\nwombatserver,1200\n");
        String slides = drive.addFile("Pitch", FakeDriveServer.SLIDES, ROOT, "Pitch deck about the narwhalboard.");
        String pdf = drive.addFile("brief.pdf", "application/pdf", specs, Files.readAllBytes(SampleDocuments.pdf(
                made.resolve("b.pdf"), "Brief", List.of(List.of("The platypusgate review is on Friday.")), null)));
        String docx = drive.addFile("plan.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", specs,
                Files.readAllBytes(SampleDocuments.docx(made.resolve("p.docx"), "Plan",
                        List.of("The axolotlmigration needs two sprints."), null)));
        String image = drive.addFile("logo.png", "image/png", ROOT, new byte[] {1, 2, 3});
        String hidden = drive.addFile("secret.md", "text/markdown", elsewhere, "The pangolinsecret stays out.");
        String evil = drive.addFile("../../etc/passwd", "text/plain", ROOT, "Escaped name: the ocelotpath note.");
        String slashes = drive.addFile("a/b\\c:d.md", "text/markdown", specs, "Slashes: the capybaraslash note.");

        try (TestHub hub = TestHub.start(dataDir, DriveHubs.settings(drive, ROOT, 300))) {
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(DriveHubs.driveItems(hub)).containsExactlyInAnyOrder(ids(notes, doc, sheet, slides, pdf, docx,
                    evil, slashes));
            for (String word : List.of("zebracorn", "quokkaplan", "wombatserver", "narwhalboard", "platypusgate",
                    "axolotlmigration", "ocelotpath", "capybaraslash")) {
                assertThat(itemsFound(hub, word)).as(word).hasSize(1);
            }
            assertThat(itemsFound(hub, "pangolinsecret")).isEmpty();
            assertThat(hub.entry("drive:" + image)).isEmpty();
            LedgerEntry entry = hub.entry("drive:" + doc).orElseThrow();
            assertThat(entry.title()).isEqualTo("Roadmap");
            assertThat(entry.link()).isEqualTo("https://docs.google.com/document/d/" + doc + "/edit");
            assertThat(entry.version()).isEqualTo(drive.expectedVersion(doc));
            assertThat(hub.entry("drive:" + evil).orElseThrow().title()).isEqualTo("../../etc/passwd");
            assertNothingNamedAfterDriveNames();
            // The changes feed's start token is taken before the listing, so nothing between the two is missed.
            List<String> calls = drive.requests().stream().map(FakeDriveServer.Request::call).toList();
            assertThat(calls.indexOf("changes.getStartPageToken")).isLessThan(calls.indexOf("files.list"));
            assertThat(drive.requests().stream().filter(r -> r.call().equals("files.list"))
                    .allMatch(r -> r.query().containsKey("fields") && r.query().get("q").contains("trashed=false")))
                    .isTrue();

            // Nothing changed: one request per sync, no work.
            DriveHubs.awaitSync(hub, SYNC);
            drive.clearRequests();
            SourceStatus quiet = DriveHubs.awaitSync(hub, SYNC);
            assertThat(quiet.lastChanged()).isZero();
            assertThat(drive.requests()).allMatch(r -> r.call().equals("changes.list"));

            drive.edit(doc, "Roadmap: the quokkaplan was replaced by the lemurplan.");
            drive.edit(notes, "# Notes\n\nThe launch is back on track with the meerkatfix.");
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(itemsFound(hub, "zebracorn")).isEmpty();
            assertThat(itemsFound(hub, "meerkatfix")).containsExactly("drive:" + notes);
            assertThat(itemsFound(hub, "lemurplan")).containsExactly("drive:" + doc);
            assertThat(hub.entry("drive:" + doc).orElseThrow().version()).isEqualTo(drive.expectedVersion(doc));

            drive.trash(notes);
            drive.delete(slides);
            drive.move(pdf, elsewhere);
            drive.move(hidden, specs);
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(itemsFound(hub, "meerkatfix")).isEmpty();
            assertThat(itemsFound(hub, "narwhalboard")).isEmpty();
            assertThat(itemsFound(hub, "platypusgate")).isEmpty();
            assertThat(itemsFound(hub, "pangolinsecret")).containsExactly("drive:" + hidden);
            assertThat(hub.entry("drive:" + notes)).isEmpty();
            assertThat(hub.entry("drive:" + pdf)).isEmpty();

            // A whole folder moved out takes its files with it, though Drive reports only the folder.
            drive.move(specs, elsewhere);
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(DriveHubs.driveItems(hub)).containsExactlyInAnyOrder(ids(evil));
            assertThat(itemsFound(hub, "lemurplan")).isEmpty();
            drive.move(specs, ROOT);
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(DriveHubs.driveItems(hub)).containsExactlyInAnyOrder(ids(evil, doc, sheet, docx, slashes,
                    hidden));
        }
    }

    @Test
    void rateLimitsServerErrorsAndExpiredTokensAreWaitedOutOrReportedWithoutMovingTheCursor() throws Exception {
        String doc = drive.addFile("Status", FakeDriveServer.DOC, ROOT, "Status: the gecko rollout is green.");
        try (TestHub hub = TestHub.start(dataDir, DriveHubs.settings(drive, ROOT, 300))) {
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(itemsFound(hub, "gecko")).hasSize(1);

            // A 429 with Retry-After is waited out for as long as it asks; a 403 rate limit is backed off.
            drive.failNext("changes.list", 1, 429, "rateLimitExceeded", 1);
            drive.failNext("changes.list", 1, 403, "userRateLimitExceeded", null);
            long started = System.nanoTime();
            SourceStatus afterLimits = DriveHubs.awaitSync(hub, SYNC);
            assertThat(afterLimits.errorsInARow()).isZero();
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);

            // A server error that outlasts the retries fails the run: the cursor stays, /api/sources says why.
            String cursor = hub.ledger().cursor("drive").orElseThrow();
            drive.edit(doc, "Status: the gecko rollout moved to the iguana cluster.");
            drive.failNext("files.export", 4, 503, "backendError", null);
            SourceStatus failed = DriveHubs.awaitFailure(hub, SYNC);
            assertThat(failed.lastError()).contains("files.export").contains("503");
            assertThat(hub.ledger().cursor("drive")).contains(cursor);
            JsonNode source = drive(hub);
            assertThat(source.get("errors_in_a_row").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(source.get("last_error").asText()).contains("503");
            assertThat(source.get("enabled").asBoolean()).isTrue();

            SourceStatus recovered = DriveHubs.awaitSync(hub, SYNC);
            assertThat(recovered.errorsInARow()).isZero();
            assertThat(itemsFound(hub, "iguana")).containsExactly("drive:" + doc);
            assertThat(hub.ledger().cursor("drive")).isNotEqualTo(cursor);
            assertThat(drive(hub).get("last_success").isNull()).isFalse();

            // An expired access token is refreshed once and the sync goes on.
            int tokens = drive.tokensIssued();
            drive.expireTokens();
            drive.edit(doc, "Status: the salamander fix is live.");
            DriveHubs.awaitSync(hub, SYNC);
            assertThat(drive.tokensIssued()).isEqualTo(tokens + 1);
            assertThat(itemsFound(hub, "salamander")).hasSize(1);

            // A refresh token that is refused fails the run with a reason a person can act on, and nothing leaks.
            drive.expireTokens();
            drive.refuseRefresh(true);
            SourceStatus refused = DriveHubs.awaitFailure(hub, SYNC);
            assertThat(refused.lastError()).contains("401").contains("TEAMMATE_DRIVE_")
                    .doesNotContain(FakeDriveServer.CLIENT_SECRET).doesNotContain(FakeDriveServer.REFRESH_TOKEN);
            drive.refuseRefresh(false);
            assertThat(DriveHubs.awaitSync(hub, SYNC).errorsInARow()).isZero();
        }
    }

    @Test
    void withoutFoldersOrCredentialsDriveIsListedAsOff() throws Exception {
        try (TestHub hub = TestHub.start(dataDir)) {
            JsonNode source = drive(hub);
            assertThat(source.get("enabled").asBoolean()).isFalse();
            assertThat(source.get("description").asText()).contains("teammate.drive.folders");
        }
    }

    private void assertNothingNamedAfterDriveNames() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(name -> name.contains("passwd") || name.contains("c:d"));
        }
        assertThat(dataDir.getParent().resolve("etc")).doesNotExist();
    }

    private static JsonNode drive(TestHub hub) throws Exception {
        for (JsonNode source : hub.getJson("/api/sources").get("sources")) {
            if (source.get("name").asText().equals("drive")) {
                return source;
            }
        }
        throw new AssertionError("drive is not in /api/sources");
    }

    private static List<String> itemsFound(TestHub hub, String word) throws Exception {
        JsonNode results = hub.getJson("/api/search?mode=keyword&k=20&q=" + TestHub.encode(word)).get("results");
        return Stream.of(results).flatMap(r -> {
            List<String> ids = new java.util.ArrayList<>();
            r.forEach(hit -> ids.add(hit.get("item_id").asText()));
            return ids.stream();
        }).distinct().toList();
    }

    private static String[] ids(String... fileIds) {
        return Stream.of(fileIds).map(id -> "drive:" + id).toArray(String[]::new);
    }
}
