package dev.teammate.store.qdrant;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Where Qdrant is and how the hub's collection is laid out, from the {@code teammate.qdrant.*} settings; opens the
 * gRPC client. The API key is never part of what this prints.
 */
public record QdrantConnection(String host, int port, boolean tls, String apiKey, Duration timeout,
        QdrantCollectionSettings collection) {

    /** From the settings, read through {@code setting} (a key gives its resolved value). */
    public static QdrantConnection from(UnaryOperator<String> setting) {
        return new QdrantConnection(setting.apply("teammate.qdrant.host"),
                Integer.parseInt(setting.apply("teammate.qdrant.grpc-port")),
                Boolean.parseBoolean(setting.apply("teammate.qdrant.tls")),
                setting.apply("teammate.qdrant.api-key"),
                Duration.ofSeconds(Long.parseLong(setting.apply("teammate.qdrant.timeout-seconds"))),
                new QdrantCollectionSettings(setting.apply("teammate.qdrant.collection"),
                        Integer.parseInt(setting.apply("teammate.qdrant.shards")),
                        Integer.parseInt(setting.apply("teammate.qdrant.replication-factor")),
                        Integer.parseInt(setting.apply("teammate.qdrant.write-consistency"))));
    }

    public QdrantClient open() {
        QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(host, port, tls).withTimeout(timeout);
        if (apiKey != null && !apiKey.isBlank()) {
            grpc.withApiKey(apiKey);
        }
        return new QdrantClient(grpc.build());
    }

    @Override
    public String toString() {
        return "Qdrant at " + host + ":" + port + " (TLS " + tls + "), collection " + collection.collection() + ": "
                + collection.shards() + " shards, replication factor " + collection.replicationFactor()
                + ", write consistency " + collection.writeConsistency();
    }
}
