package dev.teammate.hub;

import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.VectorStore;
import dev.teammate.store.lucene.LuceneVectorStore;
import dev.teammate.store.qdrant.QdrantCollectionSettings;
import dev.teammate.store.qdrant.QdrantVectorStore;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

/**
 * Opens the vector store that {@code teammate.store.kind} names: {@code embedded} (Lucene on disk, the default) or
 * {@code qdrant} (a Qdrant server or cluster over gRPC, reached through camel-qdrant, whose component gets the same
 * client).
 */
final class StoreWiring {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWiring.class);

    private StoreWiring() {
    }

    static VectorStore open(CamelContext context, HubSettings settings, HubResources resources) {
        String kind = HubSettings.text(context, "teammate.store.kind").strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "embedded" -> {
                return resources.add(new LuceneVectorStore(settings.storeDir(), MiniLmEmbeddingModel.DIMENSIONS));
            }
            case "qdrant" -> {
                return resources.add(qdrant(context, resources));
            }
            default -> throw new IllegalArgumentException("teammate.store.kind must be embedded or qdrant, was '"
                    + kind + "'");
        }
    }

    private static VectorStore qdrant(CamelContext context, HubResources resources) {
        String host = HubSettings.text(context, "teammate.qdrant.host");
        int port = HubSettings.integer(context, "teammate.qdrant.grpc-port");
        boolean tls = Boolean.parseBoolean(HubSettings.text(context, "teammate.qdrant.tls"));
        String apiKey = HubSettings.optional(context, "teammate.qdrant.api-key");
        QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(host, port, tls)
                .withTimeout(Duration.ofSeconds(HubSettings.integer(context, "teammate.qdrant.timeout-seconds")));
        if (apiKey != null && !apiKey.isBlank()) {
            grpc.withApiKey(apiKey);
        }
        QdrantClient client = resources.add(new QdrantClient(grpc.build()));
        context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
        QdrantCollectionSettings collection = new QdrantCollectionSettings(
                HubSettings.text(context, "teammate.qdrant.collection"),
                HubSettings.integer(context, "teammate.qdrant.shards"),
                HubSettings.integer(context, "teammate.qdrant.replication-factor"),
                HubSettings.integer(context, "teammate.qdrant.write-consistency"));
        LOG.info("Vector store: Qdrant at {}:{} (TLS {}), collection {}: {} shards, replication factor {}, write"
                + " consistency {}", host, port, tls, collection.collection(), collection.shards(),
                collection.replicationFactor(), collection.writeConsistency());
        return new QdrantVectorStore(context, client, collection, MiniLmEmbeddingModel.DIMENSIONS);
    }
}
