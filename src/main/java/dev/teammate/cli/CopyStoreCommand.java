package dev.teammate.cli;

import dev.teammate.config.StandaloneSettings;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.ExportableStore;
import dev.teammate.store.StoreCopy;
import dev.teammate.store.VectorStore;
import dev.teammate.store.lucene.LuceneVectorStore;
import dev.teammate.store.qdrant.QdrantConnection;
import dev.teammate.store.qdrant.QdrantVectorStore;
import io.qdrant.client.QdrantClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies the embedded store into the Qdrant collection the settings name: {@code copy-store [--fresh]}. Vectors are
 * copied as they are, so nothing is embedded again; a stopped copy goes on where it stopped ({@code --fresh} starts
 * over). Run it with the hub stopped, then set {@code teammate.store.kind=qdrant}.
 */
public final class CopyStoreCommand {

    private CopyStoreCommand() {
    }

    public static int run(String[] args) throws Exception {
        return run(args, System.out);
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        boolean fresh = args.length > 0 && args[0].equals("--fresh");
        Path storeDir = StandaloneSettings.folder("teammate.store.dir");
        QdrantConnection connection = QdrantConnection.from(StandaloneSettings::resolved);
        Path checkpoint = StandaloneSettings.folder("teammate.data.dir").resolve("copy-store-"
                + connection.collection().collection() + ".checkpoint");
        if (fresh) {
            Files.deleteIfExists(checkpoint);
        }
        VectorStore opened;
        try {
            opened = LuceneVectorStore.openReadOnly(storeDir);
        } catch (IllegalStateException e) {
            System.err.println("Cannot copy: " + e.getMessage());
            return 1;
        }
        out.println("Copying the embedded store at " + storeDir + " to " + connection);
        CamelContext context = new DefaultCamelContext();
        try (ExportableStore from = (ExportableStore) opened; QdrantClient client = connection.open()) {
            context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
            context.start();
            try (QdrantVectorStore to = new QdrantVectorStore(context, client, connection.collection(),
                    MiniLmEmbeddingModel.DIMENSIONS)) {
                StoreCopy.Result result = StoreCopy.copy(from, to, checkpoint, Long.MAX_VALUE);
                out.printf("Copied %d items (%d chunks) in this run; Qdrant holds %d chunks, the embedded store %d.%n",
                        result.items(), result.chunks(), to.count(), from.count());
                out.println("Set teammate.store.kind = qdrant to use it.");
            }
        } finally {
            context.stop();
        }
        return 0;
    }
}
