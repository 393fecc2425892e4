package dev.teammate.store.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import dev.teammate.store.ChunkValidator;
import dev.teammate.store.ReciprocalRankFusion;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoreUnavailableException;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt;
import io.qdrant.client.grpc.Points;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.qdrant.QdrantAction;
import org.apache.camel.component.qdrant.QdrantHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The store on a Qdrant server or cluster: one collection with a dense vector ({@code dense}, cosine) and a sparse
 * BM25-style vector ({@code text}, see {@link SparseTerms}) per chunk, and the chunk's fields as payload, indexed by
 * item id, chunk id, source and time. Writes go through camel-qdrant's producer (upsert, delete); searches through
 * the Qdrant client that the camel-qdrant component is configured with.
 *
 * <p>Hybrid search asks Qdrant for the dense and the sparse results in one batch of its query API and fuses them in
 * the hub with the same {@link ReciprocalRankFusion} as the embedded store: Qdrant's own fusion would give the same
 * order but not each retriever's rank, which the results report, so both stores answer alike.
 *
 * <p>Replacing an item upserts its new chunks, then deletes the item's points that are not among them, so a search
 * during the replacement sees the old or the new version of a chunk, never none.
 */
public class QdrantVectorStore implements VectorStore {

    static final String DENSE = "dense";
    static final String SPARSE = "text";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE = 256;

    private final QdrantClient client;
    private final CamelContext context;
    private final String endpoint;
    private final QdrantCollectionSettings settings;
    private final int dimensions;
    private final ChunkValidator validator;
    private final ReciprocalRankFusion fusion = new ReciprocalRankFusion();
    private volatile ProducerTemplate producer;
    private volatile boolean collectionReady;
    private volatile boolean closed;

    /**
     * @param context  a Camel context whose {@code qdrant} component uses {@code client}
     * @param client   the Qdrant client
     */
    public QdrantVectorStore(CamelContext context, QdrantClient client, QdrantCollectionSettings settings,
            int dimensions) {
        this.client = client;
        this.context = context;
        this.endpoint = "qdrant:" + settings.collection();
        this.settings = settings;
        this.dimensions = dimensions;
        this.validator = new ChunkValidator(dimensions);
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public void replaceItem(String itemId, List<StoredChunk> chunks) {
        requireOpen();
        validator.validate(itemId, chunks);
        List<Points.PointStruct> points = new ArrayList<>(chunks.size());
        List<Common.PointId> keep = new ArrayList<>(chunks.size());
        for (StoredChunk chunk : chunks) {
            points.add(point(chunk));
            keep.add(pointId(chunk.id()));
        }
        for (int from = 0; from < points.size(); from += PAGE) {
            send(QdrantAction.UPSERT, points.subList(from, Math.min(points.size(), from + PAGE)));
        }
        Common.Filter.Builder stale = Common.Filter.newBuilder().addMust(ConditionFactory.matchKeyword("item_id",
                itemId));
        if (!keep.isEmpty()) {
            stale.addMustNot(ConditionFactory.hasId(keep));
        }
        send(QdrantAction.DELETE, Points.PointsSelector.newBuilder().setFilter(stale).build());
    }

    @Override
    public void removeItem(String itemId) {
        requireOpen();
        validator.validateItemId(itemId);
        send(QdrantAction.DELETE, Points.PointsSelector.newBuilder().setFilter(Common.Filter.newBuilder()
                .addMust(ConditionFactory.matchKeyword("item_id", itemId))).build());
    }

    @Override
    public List<String> chunkIds(String itemId) {
        requireOpen();
        List<StoredChunk> chunks = new ArrayList<>();
        Common.PointId offset = null;
        do {
            Points.ScrollPoints.Builder scroll = Points.ScrollPoints.newBuilder()
                    .setCollectionName(settings.collection())
                    .setFilter(Common.Filter.newBuilder().addMust(ConditionFactory.matchKeyword("item_id", itemId)))
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .setLimit(PAGE);
            if (offset != null) {
                scroll.setOffset(offset);
            }
            Points.ScrollResponse page = await(client.scrollAsync(scroll.build(), TIMEOUT));
            page.getResultList().forEach(point -> chunks.add(chunk(point.getPayloadMap())));
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
        chunks.sort(Comparator.comparingInt(StoredChunk::position).thenComparing(StoredChunk::id));
        return chunks.stream().map(StoredChunk::id).toList();
    }

    @Override
    public long count() {
        requireOpen();
        return await(client.countAsync(settings.collection(), Common.Filter.getDefaultInstance(), true, TIMEOUT));
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        requireOpen();
        if (request.mode() != SearchMode.KEYWORD) {
            if (request.vector() == null && (request.mode() == SearchMode.VECTOR || blank(request.text()))) {
                validator.validateQueryVector(null, request.mode());
            }
            if (request.vector() != null) {
                validator.validateQueryVector(request.vector(), request.mode());
            }
        }
        Common.Filter filter = filter(request.filter());
        if (filter == null) {
            return List.of();
        }
        SparseTerms.Query words = request.mode() == SearchMode.VECTOR || blank(request.text()) ? null
                : SparseTerms.query(request.text());
        boolean dense = request.mode() != SearchMode.KEYWORD && request.vector() != null;
        boolean sparse = words != null && !words.isEmpty();
        int fetch = request.mode() == SearchMode.HYBRID ? Math.max(request.candidates(), request.k()) : request.k();

        List<Points.QueryPoints> queries = new ArrayList<>(2);
        if (dense) {
            // The HNSW beam as wide as the candidates asked for, as the embedded store does.
            queries.add(query(QueryFactory.nearest(request.vector()), DENSE, filter, fetch).toBuilder()
                    .setParams(Points.SearchParams.newBuilder().setHnswEf(Math.max(fetch,
                            request.candidates()))).build());
        }
        if (sparse) {
            List<Float> values = new ArrayList<>(words.weights().values());
            List<Integer> indices = new ArrayList<>(words.weights().keySet());
            // More than asked: hits sharing too few of the question's words are dropped below.
            queries.add(query(QueryFactory.nearest(values, indices), SPARSE, filter, fetch * 2));
        }
        if (queries.isEmpty()) {
            return List.of();
        }
        List<Points.BatchResult> results = await(client.queryBatchAsync(settings.collection(), queries, null,
                TIMEOUT));
        List<Points.ScoredPoint> byVector = dense ? results.get(0).getResultList() : List.of();
        List<Points.ScoredPoint> byKeyword = sparse ? results.get(dense ? 1 : 0).getResultList().stream()
                .filter(p -> words.enoughWordsIn(text(p.getPayloadMap())))
                .limit(fetch).toList() : List.of();

        return switch (request.mode()) {
            case VECTOR -> ranked(byVector, request.k(), true);
            case KEYWORD -> ranked(byKeyword, request.k(), false);
            case HYBRID -> fused(byVector, byKeyword, request.k());
        };
    }

    private List<SearchHit> ranked(List<Points.ScoredPoint> points, int k, boolean vector) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < Math.min(k, points.size()); i++) {
            Points.ScoredPoint point = points.get(i);
            // Qdrant scores cosine as the cosine itself; the store contract reports (1 + cosine) / 2.
            double score = vector ? (1 + point.getScore()) / 2 : point.getScore();
            hits.add(new SearchHit(chunk(point.getPayloadMap()), score, vector ? i + 1 : null, vector ? null : i + 1));
        }
        return hits;
    }

    private List<SearchHit> fused(List<Points.ScoredPoint> byVector, List<Points.ScoredPoint> byKeyword, int k) {
        Map<String, Map<String, JsonWithInt.Value>> payloads = new HashMap<>();
        List<String> vectorIds = new ArrayList<>();
        List<String> keywordIds = new ArrayList<>();
        for (Points.ScoredPoint point : byVector) {
            String id = point.getPayloadMap().get("chunk_id").getStringValue();
            payloads.put(id, point.getPayloadMap());
            vectorIds.add(id);
        }
        for (Points.ScoredPoint point : byKeyword) {
            String id = point.getPayloadMap().get("chunk_id").getStringValue();
            payloads.putIfAbsent(id, point.getPayloadMap());
            keywordIds.add(id);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (ReciprocalRankFusion.Fused<String> result : fusion.fuse(vectorIds, keywordIds, k)) {
            hits.add(new SearchHit(chunk(payloads.get(result.key())), result.score(), result.vectorRank(),
                    result.keywordRank()));
        }
        return hits;
    }

    private Points.QueryPoints query(Points.Query query, String using, Common.Filter filter, int limit) {
        return Points.QueryPoints.newBuilder()
                .setCollectionName(settings.collection())
                .setQuery(query)
                .setUsing(using)
                .setFilter(filter)
                .setLimit(limit)
                .setWithPayload(WithPayloadSelectorFactory.enable(true))
                .build();
    }

    /** The filter as Qdrant conditions; {@code null} when it can match nothing (an empty time range). */
    private static Common.Filter filter(SearchFilter filter) {
        Common.Filter.Builder all = Common.Filter.newBuilder();
        if (filter == null || filter.isEmpty()) {
            return all.build();
        }
        if (!filter.sources().isEmpty()) {
            all.addMust(ConditionFactory.matchKeywords("source", new ArrayList<>(filter.sources())));
        }
        if (!filter.itemIds().isEmpty()) {
            all.addMust(ConditionFactory.matchKeywords("item_id", new ArrayList<>(filter.itemIds())));
        }
        if (filter.from() != null || filter.to() != null) {
            Common.Range.Builder range = Common.Range.newBuilder();
            Long lower = filter.from() == null ? null : SearchFilter.ceilMillis(filter.from());
            Long upper = filter.to() == null ? null : SearchFilter.ceilMillis(filter.to());
            if (lower != null && upper != null && lower >= upper) {
                return null;
            }
            if (lower != null) {
                range.setGte(lower);
            }
            if (upper != null) {
                range.setLt(upper);
            }
            all.addMust(ConditionFactory.range("time", range.build()));
        }
        return all.build();
    }

    private Points.PointStruct point(StoredChunk chunk) {
        Map<Integer, Float> sparse = SparseTerms.document(chunk.text());
        Map<String, Points.Vector> vectors = new LinkedHashMap<>();
        vectors.put(DENSE, VectorFactory.vector(toList(chunk.vector())));
        if (!sparse.isEmpty()) {
            vectors.put(SPARSE, VectorFactory.vector(new ArrayList<>(sparse.values()), new ArrayList<>(
                    sparse.keySet())));
        }
        Map<String, JsonWithInt.Value> payload = new LinkedHashMap<>();
        payload.put("chunk_id", ValueFactory.value(chunk.id()));
        payload.put("item_id", ValueFactory.value(chunk.itemId()));
        payload.put("source", ValueFactory.value(chunk.source()));
        if (chunk.title() != null) {
            payload.put("title", ValueFactory.value(chunk.title()));
        }
        if (chunk.link() != null) {
            payload.put("link", ValueFactory.value(chunk.link()));
        }
        payload.put("position", ValueFactory.value(chunk.position()));
        payload.put("text", ValueFactory.value(chunk.text()));
        payload.put("time", ValueFactory.value(chunk.time()));
        if (chunk.startSeconds() != null) {
            payload.put("start", ValueFactory.value(chunk.startSeconds()));
            payload.put("end", ValueFactory.value(chunk.endSeconds()));
        }
        return Points.PointStruct.newBuilder().setId(pointId(chunk.id()))
                .setVectors(VectorsFactory.namedVectors(vectors)).putAllPayload(payload).build();
    }

    private static StoredChunk chunk(Map<String, JsonWithInt.Value> payload) {
        JsonWithInt.Value link = payload.get("link");
        JsonWithInt.Value title = payload.get("title");
        JsonWithInt.Value start = payload.get("start");
        JsonWithInt.Value end = payload.get("end");
        return new StoredChunk(payload.get("chunk_id").getStringValue(), payload.get("item_id").getStringValue(),
                payload.get("source").getStringValue(), title == null ? null : title.getStringValue(),
                link == null ? null : link.getStringValue(), (int) payload.get("position").getIntegerValue(),
                text(payload), payload.get("time").getIntegerValue(),
                start == null ? null : start.getDoubleValue(), end == null ? null : end.getDoubleValue(), null);
    }

    private static String text(Map<String, JsonWithInt.Value> payload) {
        return payload.get("text").getStringValue();
    }

    /** Qdrant ids are numbers or UUIDs; a chunk's id becomes a name-based UUID, the same for the same chunk. */
    static Common.PointId pointId(String chunkId) {
        return PointIdFactory.id(UUID.nameUUIDFromBytes(chunkId.getBytes(StandardCharsets.UTF_8)));
    }

    private void send(QdrantAction action, Object body) {
        try {
            producer().sendBodyAndHeader(endpoint, body, QdrantHeaders.ACTION, action);
        } catch (CamelExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        }
    }

    private ProducerTemplate producer() {
        ProducerTemplate template = producer;
        if (template == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = context.createProducerTemplate();
                }
                template = producer;
            }
        }
        return template;
    }

    /**
     * Creates the collection the first time the store is used rather than at start, so a hub whose Qdrant is not up
     * yet starts anyway and its items wait for it.
     */
    private void requireCollection() {
        if (collectionReady) {
            return;
        }
        synchronized (this) {
            if (!collectionReady) {
                ensureCollection();
                collectionReady = true;
            }
        }
    }

    private void ensureCollection() {
        if (Boolean.TRUE.equals(await(client.collectionExistsAsync(settings.collection(), TIMEOUT)))) {
            return;
        }
        Collections.CreateCollection create = Collections.CreateCollection.newBuilder()
                .setCollectionName(settings.collection())
                .setVectorsConfig(Collections.VectorsConfig.newBuilder().setParamsMap(
                        Collections.VectorParamsMap.newBuilder().putMap(DENSE, Collections.VectorParams.newBuilder()
                                .setSize(dimensions).setDistance(Collections.Distance.Cosine).build())))
                .setSparseVectorsConfig(Collections.SparseVectorConfig.newBuilder().putMap(SPARSE,
                        Collections.SparseVectorParams.newBuilder().setModifier(Collections.Modifier.Idf).build()))
                .setShardNumber(settings.shards())
                .setReplicationFactor(settings.replicationFactor())
                .setWriteConsistencyFactor(settings.writeConsistency())
                .build();
        await(client.createCollectionAsync(create, TIMEOUT));
        index("item_id", Collections.PayloadSchemaType.Keyword);
        index("chunk_id", Collections.PayloadSchemaType.Keyword);
        index("source", Collections.PayloadSchemaType.Keyword);
        index("time", Collections.PayloadSchemaType.Integer);
    }

    private void index(String field, Collections.PayloadSchemaType type) {
        await(client.createPayloadIndexAsync(settings.collection(), field, type, null, true, null, TIMEOUT));
    }

    private static List<Float> toList(float[] vector) {
        List<Float> list = new ArrayList<>(vector.length);
        for (float value : vector) {
            list.add(value);
        }
        return list;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the Qdrant store of collection " + settings.collection()
                    + " is closed");
        }
        requireCollection();
    }

    /** Qdrant out of reach becomes {@link StoreUnavailableException}, which callers wait out; the rest stays. */
    private RuntimeException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException grpc) {
                Status.Code code = grpc.getStatus().getCode();
                if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                        || code == Status.Code.ABORTED || code == Status.Code.RESOURCE_EXHAUSTED) {
                    return new StoreUnavailableException("Qdrant collection " + settings.collection()
                            + " is not reachable: " + grpc.getStatus(), error);
                }
            }
        }
        return error instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("Qdrant failed: " + error.getMessage(), error);
    }

    private <T> T await(ListenableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Qdrant", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("Qdrant did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (producer != null) {
            try {
                producer.close();
            } catch (java.io.IOException e) {
                // nothing was pending
            }
        }
    }
}
