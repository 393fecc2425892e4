package dev.teammate.hub;

import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.VectorStore;
import dev.teammate.store.lucene.LuceneVectorStore;
import dev.teammate.store.qdrant.QdrantConnection;
import dev.teammate.store.qdrant.QdrantVectorStore;
import io.qdrant.client.QdrantClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        QdrantConnection connection = QdrantConnection.from(key -> context.resolvePropertyPlaceholders(
                "{{" + key + "}}"));
        QdrantClient client = resources.add(connection.open());
        context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
        LOG.info("Vector store: {}", connection);
        return new QdrantVectorStore(context, client, connection.collection(), MiniLmEmbeddingModel.DIMENSIONS);
    }
}
