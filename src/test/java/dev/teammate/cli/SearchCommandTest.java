package dev.teammate.cli;

import dev.teammate.config.ConfigLocation;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.hub.TestHubs;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.lucene.LuceneVectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line search reads the store named by the settings, read-only, while its writer holds it open. */
class SearchCommandTest {

    @TempDir
    Path dir;

    private final PrintStream originalOut = System.out;

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.clearProperty(ConfigLocation.PROPERTY);
    }

    @Test
    void printsRankedResultsFromTheConfiguredStore() throws Exception {
        Path settings = dir.resolve("teammate.properties");
        Files.writeString(settings, "teammate.store.dir = " + dir.resolve("store") + "\n");
        MiniLmEmbeddingModel model = TestHubs.model();
        try (LuceneVectorStore store = new LuceneVectorStore(dir.resolve("store"), MiniLmEmbeddingModel.DIMENSIONS)) {
            store.replaceItem("file:pay.md", List.of(chunk("file:pay.md", "Ticket PAY-1432 tracks card retries.",
                    model)));
            store.replaceItem("file:lunch.md", List.of(chunk("file:lunch.md", "Team lunch is on Thursday.", model)));

            System.setProperty(ConfigLocation.PROPERTY, settings.toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = SearchCommand.run(new String[] {"--k", "1", "PAY-1432"});

            assertThat(exit).isZero();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("[file:pay.md]").contains("PAY-1432").doesNotContain("lunch");
        }
    }

    @Test
    void saysWhatToDoWhenThereIsNoStore() throws Exception {
        Path settings = dir.resolve("teammate.properties");
        Files.writeString(settings, "teammate.store.dir = " + dir.resolve("nothing-here") + "\n");
        System.setProperty(ConfigLocation.PROPERTY, settings.toString());
        assertThat(SearchCommand.run(new String[] {"anything"})).isEqualTo(1);
        assertThat(SearchCommand.run(new String[0])).isEqualTo(2);
    }

    private static StoredChunk chunk(String itemId, String text, MiniLmEmbeddingModel model) {
        return new StoredChunk(itemId + "#v#0", itemId, "file", itemId.substring(5), "file:///" + itemId, 0, text,
                0L, null, null, model.embed(text).content().vector());
    }
}
