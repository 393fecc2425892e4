package dev.teammate.store.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.hub.TestHub;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoredChunk;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three real Qdrant nodes in distributed mode on loopback, a collection of 3 shards with 2 copies each: with one node
 * killed every search still finds everything, writes go on, and the node catches up when it comes back (checked by
 * then killing another node, so the reads must come from the copies the first one brought up to date).
 */
class QdrantClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTION = "cluster";
    private static final int ITEMS = 60;
    private static final int CHUNKS = 5;

    @TempDir
    Path root;

    @Test
    void withOneNodeDownSearchesAreCompleteAndTheNodeCatchesUpWhenBack() throws Exception {
        try (QdrantServer seed = QdrantServer.startClusterSeed(root.resolve("node-1"));
             QdrantServer second = QdrantServer.joinCluster(root.resolve("node-2"), seed);
             QdrantServer third = QdrantServer.joinCluster(root.resolve("node-3"), seed)) {
            TestHub.await(Duration.ofSeconds(60), "three peers", () -> peers(seed) == 3);
            QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", seed.grpcPort(), false)
                    .build());
            CamelContext context = new DefaultCamelContext();
            context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
            context.start();
            try (QdrantVectorStore store = new QdrantVectorStore(context, client,
                    new QdrantCollectionSettings(COLLECTION, 3, 2, 1), MiniLmEmbeddingModel.DIMENSIONS)) {
                for (int item = 0; item < ITEMS; item++) {
                    store.replaceItem(itemId(item), chunks(item, 1));
                }
                assertThat(store.count()).isEqualTo(ITEMS * CHUNKS);
                JsonNode shards = JSON.readTree(seed.get("/collections/" + COLLECTION + "/cluster"));
                assertThat(shards.at("/result/shard_count").asInt()).isEqualTo(3);

                second.kill();
                assertComplete(store, 1);
                // Written while the second node is down: new versions of a third of the items.
                for (int item = 0; item < ITEMS; item += 3) {
                    store.replaceItem(itemId(item), chunks(item, 2));
                }
                assertThat(store.count()).isEqualTo(ITEMS * CHUNKS);

                second.restart();
                TestHub.await(Duration.ofSeconds(90), "the second node's copies active again",
                        () -> allLocalShardsActive(second));
                third.kill();
                assertThat(store.count()).isEqualTo(ITEMS * CHUNKS);
                assertComplete(store, 2);
            } finally {
                context.stop();
                client.close();
            }
        }
    }

    /** Every item's chunks are all there, at their newest version, by item listing and by search. */
    private static void assertComplete(QdrantVectorStore store, int newestVersion) {
        for (int item = 0; item < ITEMS; item++) {
            int version = item % 3 == 0 ? newestVersion : 1;
            List<String> expected = chunks(item, version).stream().map(StoredChunk::id).toList();
            assertThat(store.chunkIds(itemId(item))).as("item %d", item).containsExactlyElementsOf(expected);
            SearchFilter onlyThis = new SearchFilter(Set.of(), Set.of(itemId(item)), null, null);
            assertThat(store.search(new SearchRequest("pricing note " + item, chunks(item, version).get(0).vector(),
                    10, 50, onlyThis, SearchMode.HYBRID))).hasSize(CHUNKS);
        }
    }

    private static String itemId(int item) {
        return "file:cluster/" + item + ".md";
    }

    private static List<StoredChunk> chunks(int item, int version) {
        Random random = new Random(item * 31L + version);
        List<StoredChunk> chunks = new ArrayList<>();
        for (int p = 0; p < CHUNKS; p++) {
            float[] vector = new float[MiniLmEmbeddingModel.DIMENSIONS];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            chunks.add(new StoredChunk(itemId(item) + "#" + version + "#" + p, itemId(item), "file", item + ".md",
                    null, p, "Pricing note " + item + ", part " + p + ", version " + version + ".",
                    1_700_000_000_000L + item, null, null, vector));
        }
        return chunks;
    }

    private static int peers(QdrantServer node) {
        try {
            return JSON.readTree(node.get("/cluster")).at("/result/peers").size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static boolean allLocalShardsActive(QdrantServer node) {
        try {
            JsonNode local = JSON.readTree(node.get("/collections/" + COLLECTION + "/cluster"))
                    .at("/result/local_shards");
            if (local.isEmpty()) {
                return false;
            }
            for (JsonNode shard : local) {
                if (!"Active".equals(shard.path("state").asText())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
