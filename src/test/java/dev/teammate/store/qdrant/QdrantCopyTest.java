package dev.teammate.store.qdrant;

import dev.teammate.cli.CopyStoreCommand;
import dev.teammate.config.ConfigLocation;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoreCopy;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.lucene.LuceneVectorStore;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Copying the embedded store into Qdrant: everything arrives with its vectors, and a stopped copy goes on. */
class QdrantCopyTest {

    private static final int ITEMS = 30;

    @TempDir
    Path root;

    @AfterEach
    void forgetSettings() {
        System.clearProperty(ConfigLocation.PROPERTY);
    }

    @Test
    void aCopyStoppedHalfWayGoesOnFromItsCheckpointAndEndsWithEverything() throws Exception {
        Path storeDir = root.resolve("store");
        try (LuceneVectorStore lucene = new LuceneVectorStore(storeDir, MiniLmEmbeddingModel.DIMENSIONS)) {
            for (int item = 0; item < ITEMS; item++) {
                lucene.replaceItem(itemId(item), chunks(item));
            }
            lucene.removeItem(itemId(4));
        }
        try (QdrantServer qdrant = QdrantServer.start(root.resolve("qdrant"))) {
            QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", qdrant.grpcPort(), false)
                    .build());
            CamelContext context = new DefaultCamelContext();
            context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
            context.start();
            Path checkpoint = root.resolve("copy.checkpoint");
            try (LuceneVectorStore from = new LuceneVectorStore(storeDir, MiniLmEmbeddingModel.DIMENSIONS);
                 QdrantVectorStore to = new QdrantVectorStore(context, client,
                         QdrantCollectionSettings.singleNode("copied"), MiniLmEmbeddingModel.DIMENSIONS)) {
                StoreCopy.Result first = StoreCopy.copy(from, to, checkpoint, 7);
                assertThat(first.finished()).isFalse();
                assertThat(Files.readString(checkpoint)).isEqualTo(itemId(7));

                StoreCopy.Result rest = StoreCopy.copy(from, to, checkpoint, Long.MAX_VALUE);

                assertThat(rest.finished()).isTrue();
                assertThat(first.items() + rest.items()).isEqualTo(ITEMS - 1);
                assertThat(to.count()).isEqualTo(from.count());
                for (int item = 0; item < ITEMS; item++) {
                    assertThat(to.chunkIds(itemId(item))).as("item %d", item)
                            .containsExactlyElementsOf(from.chunkIds(itemId(item)));
                }
                StoredChunk probe = chunks(12).get(2);
                List<SearchHit> nearest = to.search(new SearchRequest(null, probe.vector(), 1, 10, SearchFilter.NONE,
                        SearchMode.VECTOR));
                assertThat(nearest.get(0).chunk().id()).isEqualTo(probe.id());
                assertThat(nearest.get(0).score()).as("the same vector: cosine 1").isGreaterThan(0.9999);
            } finally {
                context.stop();
                client.close();
            }
        }
    }

    @Test
    void theCommandCopiesTheConfiguredStoreIntoTheConfiguredCollection() throws Exception {
        Path data = root.resolve("data");
        try (LuceneVectorStore lucene = new LuceneVectorStore(data.resolve("store"), MiniLmEmbeddingModel.DIMENSIONS)) {
            for (int item = 0; item < 5; item++) {
                lucene.replaceItem(itemId(item), chunks(item));
            }
        }
        try (QdrantServer qdrant = QdrantServer.start(root.resolve("qdrant"))) {
            Path settings = root.resolve("teammate.properties");
            Files.writeString(settings, String.join("\n",
                    "teammate.data.dir = " + data,
                    "teammate.store.dir = " + data.resolve("store"),
                    "teammate.qdrant.host = 127.0.0.1",
                    "teammate.qdrant.grpc-port = " + qdrant.grpcPort(),
                    "teammate.qdrant.tls = false",
                    "teammate.qdrant.api-key =",
                    "teammate.qdrant.timeout-seconds = 10",
                    "teammate.qdrant.collection = from_command",
                    "teammate.qdrant.shards = 1",
                    "teammate.qdrant.replication-factor = 1",
                    "teammate.qdrant.write-consistency = 1", ""));
            System.setProperty(ConfigLocation.PROPERTY, settings.toString());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            int exit = CopyStoreCommand.run(new String[0], new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(exit).isZero();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Copied 5 items (20 chunks)",
                    "Qdrant holds 20 chunks, the embedded store 20");
        }
    }

    private static String itemId(int item) {
        return String.format("file:notes/%03d.md", item);
    }

    private static List<StoredChunk> chunks(int item) {
        Random random = new Random(item);
        List<StoredChunk> chunks = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            float[] vector = new float[MiniLmEmbeddingModel.DIMENSIONS];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            chunks.add(new StoredChunk(itemId(item) + "#v1#" + p, itemId(item), "file", "Note " + item, null, p,
                    "Note " + item + " part " + p + " on onboarding.", 1_700_000_000_000L, null, null, vector));
        }
        return chunks;
    }
}
