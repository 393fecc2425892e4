package dev.teammate.store.qdrant;

import dev.teammate.hub.TestHub;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.ledger.ItemStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub on a real Qdrant server: files become searchable, and a Qdrant stopped mid-ingest loses nothing. */
class QdrantHubTest {

    private static final int FILES = 24;

    @TempDir
    Path root;

    private static Properties settings(QdrantServer server) {
        Properties settings = new Properties();
        settings.setProperty("teammate.store.kind", "qdrant");
        settings.setProperty("teammate.qdrant.grpc-port", String.valueOf(server.grpcPort()));
        settings.setProperty("teammate.qdrant.timeout-seconds", "5");
        return settings;
    }

    @Test
    void qdrantStoppedInTheMiddleOfAnIngestMakesItemsWaitThenStoresThemOnceWithoutDuplicates() throws Exception {
        try (QdrantServer qdrant = QdrantServer.start(root.resolve("qdrant"));
             TestHub hub = TestHub.start(root.resolve("data"), settings(qdrant))) {
            for (int i = 0; i < FILES; i++) {
                hub.drop("notes/note-" + i + ".md", "Note " + i + " from the pricing review: annual plans, trial"
                        + " length and discounts for region " + i + ". " + "More about pricing and churn. ".repeat(60));
            }
            TestHub.await(Duration.ofSeconds(60), "the first notes in Qdrant", () -> indexed(hub) >= 2);
            qdrant.kill();
            Thread.sleep(3000);
            assertThat(indexed(hub)).isLessThan(FILES);
            qdrant.restart();

            hub.awaitInboxEmpty(Duration.ofSeconds(120));
            TestHub.await(Duration.ofSeconds(60), "every note indexed", () -> indexed(hub) == FILES);
            long recorded = 0;
            for (LedgerEntry entry : hub.ledger().list("file", ItemStatus.INDEXED, 0, 1000)) {
                assertThat(hub.store().chunkIds(entry.itemId())).as(entry.itemId())
                        .containsExactlyElementsOf(entry.chunkIds());
                recorded += entry.chunkIds().size();
            }
            assertThat(hub.store().count()).as("no duplicate or stray point").isEqualTo(recorded);
            assertThat(hub.errors().toFile().list()).isNullOrEmpty();
            List<String> top = hub.search("pricing review note 7 region 7", 3).findValuesAsText("item_id");
            assertThat(top).contains("file:notes/note-7.md");
        }
    }

    private static long indexed(TestHub hub) {
        return hub.ledger().countByStatus("file").get(ItemStatus.INDEXED);
    }
}
