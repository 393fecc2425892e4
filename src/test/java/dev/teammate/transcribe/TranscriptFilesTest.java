package dev.teammate.transcribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.extract.TranscriptParser;
import dev.teammate.item.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptFilesTest {

    @TempDir
    Path outputs;

    private final Transcript transcript = new Transcript(List.of(
            new Segment("We ship PAY-1432 on Friday.", null, 0.0, 3.52),
            new Segment("Anna owns the --> rollout.", null, 3.52, 7.0),
            new Segment("Late in the meeting.", null, 2467.25, 2470.5)), 2471.0, "ggml-base.en.bin", "en");

    private final Item item = new Item("file:meetings/stand up.m4a", "file", "stand up.m4a",
            "file:///done/meetings/stand%20up.m4a", "v1", Instant.parse("2026-12-01T09:00:00Z"));

    @Test
    void writesTextWebVttAndJsonInTheItemsFolder() throws Exception {
        Path folder = new TranscriptFiles(outputs).save(item, transcript);

        assertThat(folder.getParent()).isEqualTo(outputs);
        assertThat(folder.getFileName().toString()).startsWith("file_meetings_stand_up.m4a-");
        assertThat(Files.readAllLines(folder.resolve("transcript.txt"))).containsExactly(
                "[00:00:00] We ship PAY-1432 on Friday.",
                "[00:00:03] Anna owns the --> rollout.",
                "[00:41:07] Late in the meeting.");

        JsonNode json = new ObjectMapper().readTree(folder.resolve("transcript.json").toFile());
        assertThat(json.get("itemId").asText()).isEqualTo(item.id());
        assertThat(json.get("model").asText()).isEqualTo("ggml-base.en.bin");
        assertThat(json.get("segments")).hasSize(3);
        assertThat(json.get("segments").get(2).get("start").asDouble()).isEqualTo(2467.25);
        assertThat(json.get("segments").get(1).get("text").asText()).isEqualTo("Anna owns the --> rollout.");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("transcript.txt", "transcript.vtt", "transcript.json");
        }
    }

    @Test
    void theWebVttReadsBackThroughTheHubsOwnTranscriptParser() throws Exception {
        Path folder = new TranscriptFiles(outputs).save(item, transcript);

        ExtractedText parsed = new TranscriptParser().parseVtt(Files.readString(folder.resolve("transcript.vtt")),
                "transcript.vtt");

        assertThat(parsed.segments()).extracting(Segment::startSeconds).containsExactly(0.0, 3.52, 2467.25);
        assertThat(parsed.segments()).extracting(Segment::endSeconds).containsExactly(3.52, 7.0, 2470.5);
        assertThat(parsed.segments().get(0).text()).isEqualTo("We ship PAY-1432 on Friday.");
    }

    @Test
    void distinctItemsGetDistinctFolders() {
        assertThat(dev.teammate.item.ItemFolders.name("file:a b.m4a"))
                .isNotEqualTo(dev.teammate.item.ItemFolders.name("file:a_b.m4a"));
    }
}
