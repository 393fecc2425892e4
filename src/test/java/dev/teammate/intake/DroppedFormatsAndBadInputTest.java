package dev.teammate.intake;

import dev.teammate.extract.SampleDocuments;
import dev.teammate.hub.HubRouteTestSupport;
import dev.teammate.ledger.ItemStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format the drop takes goes through the real route into search, and every kind of bad input ends either
 * indexed correctly or in the error folder with a reason, with nothing lost and the hub still serving.
 */
class DroppedFormatsAndBadInputTest extends HubRouteTestSupport {

    @Test
    void officeAndWebFormatsAreSearchable() throws Exception {
        Path staging = Files.createDirectories(dataDir.resolve("staging"));
        SampleDocuments.pdf(staging.resolve("q3-review.pdf"), "Q3 business review",
                List.of(List.of("Revenue grew because the annual plan converted better than expected.")), null);
        SampleDocuments.docx(staging.resolve("hiring.docx"), "Hiring plan",
                List.of("We will hire two mobile engineers and one designer before March."), null);
        SampleDocuments.pptx(staging.resolve("roadmap.pptx"), "Roadmap",
                List.of(List.of("Offline mode ships in the spring release for field technicians.")));
        Files.writeString(staging.resolve("wiki.html"), "<html><head><title>Incident handbook</title></head><body>"
                + "<h1>Incidents</h1><p>Page the on-call engineer when checkout errors exceed two percent.</p>"
                + "</body></html>");
        for (String name : List.of("q3-review.pdf", "hiring.docx", "roadmap.pptx", "wiki.html")) {
            Files.move(staging.resolve(name), hub.inbox().resolve(name));
        }
        hub.awaitInboxEmpty(Duration.ofSeconds(120));

        assertThat(topItem("why did revenue go up")).isEqualTo("file:q3-review.pdf");
        assertThat(topItem("how many engineers are we recruiting")).isEqualTo("file:hiring.docx");
        assertThat(topItem("working without network for technicians")).isEqualTo("file:roadmap.pptx");
        assertThat(topItem("when to wake up the on-call person")).isEqualTo("file:wiki.html");
        assertThat(hub.entry("file:wiki.html").orElseThrow().title()).isEqualTo("Incident handbook");
    }

    @Test
    void zeroByteFileGetsAReason() throws Exception {
        hub.dropAndWait("empty.md", new byte[0]);
        assertFailedWithReason("empty.md", "empty.md");
    }

    @Test
    void binaryGarbageNamedTxtGetsAReason() throws Exception {
        byte[] garbage = new byte[20_000];
        new Random(3).nextBytes(garbage);
        hub.dropAndWait("garbage.txt", garbage);
        assertFailedWithReason("garbage.txt", "garbage.txt");
        assertThat(hub.errors().resolve("garbage.txt")).hasBinaryContent(garbage);
    }

    @Test
    void corruptPdfGetsAReason() throws Exception {
        Path staging = Files.createDirectories(dataDir.resolve("staging"));
        Path pdf = SampleDocuments.pdf(staging.resolve("good.pdf"), "Report",
                List.of(List.of("Some text that will be cut off.")), null);
        byte[] bytes = Files.readAllBytes(pdf);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 3);
        hub.dropAndWait("broken.pdf", truncated);
        assertFailedWithReason("broken.pdf", "PDF");
    }

    @Test
    void nonUtf8TextIsDecodedAndIndexed() throws Exception {
        String text = "Le café du matin: notre équipe a décidé de lancer la version bêta en février.";
        hub.dropAndWait("notes-fr.txt", text.getBytes(Charset.forName("windows-1252")));

        assertThat(hub.status("file:notes-fr.txt")).isEqualTo(ItemStatus.INDEXED);
        String stored = hub.search("café équipe bêta février", 1).get("results").get(0).get("text").asText();
        assertThat(stored).contains("café").contains("équipe").contains("bêta").contains("février");
    }

    @Test
    void oversizedTextFileGetsAReasonAndTheHubKeepsServing() throws Exception {
        Path big = dataDir.resolve("staging/huge-log.txt");
        Files.createDirectories(big.getParent());
        byte[] line = "2026-11-30 10:15:30 INFO request served in 12 ms for tenant acme\n"
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        Files.move(big, hub.inbox().resolve("huge-log.txt"));
        hub.dropAndWait("small.md", "A small note about the tenant acme.");

        assertFailedWithReason("huge-log.txt", "teammate.intake.max-text-chars");
        assertThat(Files.size(hub.errors().resolve("huge-log.txt"))).isGreaterThanOrEqualTo(50L * 1024 * 1024);
        assertThat(hub.status("file:small.md")).isEqualTo(ItemStatus.INDEXED);
        assertThat(hub.getJson("/api/health").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void awkwardNamesStayInsideTheHubsFolders() throws Exception {
        hub.dropAndWait("q4 plans/naïve ideas ünïcödé 計画.md",
                "Ideas for the fourth quarter: a referral programme.");
        hub.dropAndWait("release..notes..md", "Release notes with double dots in the name: search got faster.");
        hub.dropAndWait("..hidden-looking.md", "This one starts with two dots: a hidden file, left where it is.");

        assertThat(hub.status("file:q4 plans/naïve ideas ünïcödé 計画.md")).isEqualTo(ItemStatus.INDEXED);
        assertThat(hub.done().resolve("q4 plans/naïve ideas ünïcödé 計画.md")).exists();
        assertThat(hub.status("file:release..notes..md")).isEqualTo(ItemStatus.INDEXED);
        assertThat(topItem("referral programme ideas")).isEqualTo("file:q4 plans/naïve ideas ünïcödé 計画.md");
        assertThat(hub.inbox().resolve("..hidden-looking.md")).as("hidden files are left alone, not lost").exists();
        assertThat(hub.entry("file:..hidden-looking.md")).isEmpty();
        try (var files = Files.walk(dataDir.getParent(), 1)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("notes")).toList())
                    .as("nothing written next to the data folder").isEmpty();
        }
    }

    private String topItem(String query) throws IOException, InterruptedException {
        return hub.search(query, 1).get("results").get(0).get("item_id").asText();
    }

    private void assertFailedWithReason(String relativePath, String reasonMentions) throws IOException {
        assertThat(hub.errors().resolve(relativePath)).as("the file is kept").exists();
        Path reasonFile = hub.errors().resolve(relativePath + FailedFileRecorder.REASON_SUFFIX);
        assertThat(reasonFile).exists();
        assertThat(Files.readString(reasonFile)).contains(reasonMentions);
        assertThat(hub.status("file:" + relativePath)).isEqualTo(ItemStatus.FAILED);
        assertThat(hub.entry("file:" + relativePath).orElseThrow().reason()).isNotBlank();
        assertThat(hub.store().chunkIds("file:" + relativePath)).isEmpty();
    }
}
