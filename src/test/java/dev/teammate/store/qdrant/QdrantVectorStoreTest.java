package dev.teammate.store.qdrant;

import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.VectorStore;
import dev.teammate.store.VectorStoreContract;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/** The shared store contract, unchanged, on a real Qdrant 1.16.3 server started for the test class. */
class QdrantVectorStoreTest extends VectorStoreContract {

    @TempDir
    static Path serverDir;

    private static QdrantServer server;
    private static QdrantClient client;
    private static CamelContext context;

    @BeforeAll
    static void startServer() throws IOException {
        server = QdrantServer.start(serverDir.resolve("node"));
        client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", server.grpcPort(), false).build());
        context = new DefaultCamelContext();
        context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
        context.start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        context.stop();
        client.close();
        server.close();
    }

    /** Each test's folder names its own collection, so tests start empty and a reopen finds the same content. */
    @Override
    protected VectorStore openStore(Path dir) {
        String collection = "contract_" + HexFormat.of().toHexDigits(dir.toString().hashCode());
        return new QdrantVectorStore(context, client, QdrantCollectionSettings.singleNode(collection),
                MiniLmEmbeddingModel.DIMENSIONS);
    }
}
