package dev.teammate.store.qdrant;

/**
 * How the hub's collection is laid out on a Qdrant cluster, used when the hub creates it.
 *
 * @param collection        the collection's name
 * @param shards            shards the collection is split into (1 on a single node)
 * @param replicationFactor copies of each shard on different nodes (1 on a single node)
 * @param writeConsistency  copies that must confirm a write before it counts as done
 */
public record QdrantCollectionSettings(String collection, int shards, int replicationFactor, int writeConsistency) {

    public QdrantCollectionSettings {
        if (collection == null || !collection.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new IllegalArgumentException("a Qdrant collection name is letters, digits, _ and -, was '"
                    + collection + "'");
        }
        if (shards < 1 || replicationFactor < 1 || writeConsistency < 1 || writeConsistency > replicationFactor) {
            throw new IllegalArgumentException("shards and replication factor must be at least 1 and the write"
                    + " consistency between 1 and the replication factor; were " + shards + ", "
                    + replicationFactor + ", " + writeConsistency);
        }
    }

    public static QdrantCollectionSettings singleNode(String collection) {
        return new QdrantCollectionSettings(collection, 1, 1, 1);
    }
}
