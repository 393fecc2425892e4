package dev.teammate.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import dev.teammate.store.lucene.LuceneVectorStore;
import dev.teammate.store.qdrant.QdrantCollectionSettings;
import dev.teammate.store.qdrant.QdrantServer;
import dev.teammate.store.qdrant.QdrantVectorStore;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.qdrant.QdrantComponent;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/**
 * Measures the embedded Lucene store: index build throughput, ANN latency and recall@10 against exact search, and
 * hybrid latency. Not a test: run it by hand, on a quiet machine if possible.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.teammate.bench.SearchBenchmark \
 *     -Dexec.args="--chunks 100000 --queries 500"
 * </pre>
 *
 * Options: {@code --chunks N} (100000), {@code --queries Q} (500), {@code --threads T} writer threads (2),
 * {@code --chunks-per-item C} (10), {@code --dir PATH} (a new temporary folder, deleted afterwards unless given),
 * {@code --real N} also embeds N sentences with MiniLM and measures recall on those (0: skipped).
 *
 * <p>The synthetic vectors imitate sentence embeddings rather than being uniform random (HNSW's worst case, and
 * unlike any real corpus): 1000 topic centroids sharing a common direction, each point its centroid plus noise in
 * a 16-dimension subspace of its topic plus a little isotropic noise. Queries are held-out points of the same
 * distribution, perturbed. Texts draw from a Zipf vocabulary with topic words, so BM25 has postings to walk.
 */
public final class SearchBenchmark {

    private static final int DIMENSIONS = 384;
    private static final int TOPICS = 1000;
    private static final int SUBSPACE_RANK = 16;
    private static final int VOCABULARY = 20_000;
    private static final int TOPIC_WORDS = 40;
    private static final int WORDS_PER_CHUNK = 60;
    private static final int K = 10;
    private static final long SEED = 42;

    private final int chunks;
    private final int queries;
    private final int threads;
    private final int chunksPerItem;
    private final Path dir;
    private final boolean keepDir;
    private final int real;
    private boolean qdrant;

    private SearchBenchmark(int chunks, int queries, int threads, int chunksPerItem, Path dir, boolean keepDir,
            int real) {
        this.chunks = chunks;
        this.queries = queries;
        this.threads = threads;
        this.chunksPerItem = chunksPerItem;
        this.dir = dir;
        this.keepDir = keepDir;
        this.real = real;
    }

    public static void main(String[] args) throws Exception {
        int chunks = 100_000;
        int queries = 500;
        int threads = 2;
        int perItem = 10;
        int real = 0;
        boolean qdrant = false;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--chunks-per-item" -> perItem = Integer.parseInt(args[++i]);
                case "--real" -> real = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--qdrant" -> qdrant = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --chunks --queries --threads --chunks-per-item --real --dir --qdrant");
            }
        }
        boolean keep = dir != null;
        if (dir == null) {
            dir = Files.createTempDirectory("teammate-bench-");
        }
        SearchBenchmark benchmark = new SearchBenchmark(chunks, queries, threads, perItem, dir, keep, real);
        benchmark.qdrant = qdrant;
        benchmark.run();
    }

    private void run() throws Exception {
        // The store logs every item at debug level; 100 000 of those lines would bury the figures.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.teammate")).setLevel(Level.INFO);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("machine: %d cores, max heap %d MB, Java %s (%s), %s %s%n", runtime.availableProcessors(),
                runtime.maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        System.out.printf("store: Lucene HNSW (M=16, beam 100), cosine, %d dims; %d chunks in items of %d, "
                + "%d writer threads, commit per item; folder %s%n", DIMENSIONS, chunks, chunksPerItem, threads, dir);

        long started = System.nanoTime();
        Corpus corpus = Corpus.generate(chunks, queries, new Random(SEED));
        System.out.printf("generated data in %.1f s%n", seconds(started));

        int[][] exact;
        try (VectorStore store = new LuceneVectorStore(dir, DIMENSIONS)) {
            build(store, corpus);
            System.out.printf("index on disk: %d MB%n", folderSize(dir) >> 20);

            long exactStarted = System.nanoTime();
            exact = exactTopK(corpus.vectors, corpus.queryVectors, K);
            System.out.printf("exact top-%d for %d queries (brute force, in memory) in %.1f s%n", K, queries,
                    seconds(exactStarted));

            System.out.println("-- right after the build (background merges may still run):");
            measureAll(store, corpus, exact);
        }
        // Closing waits for pending merges; the reopened store shows the settled, steady-state figures.
        long reopenStarted = System.nanoTime();
        try (VectorStore store = new LuceneVectorStore(dir, DIMENSIONS)) {
            System.out.printf("-- after close (merges finished) and reopen in %.1f s:%n", seconds(reopenStarted));
            measureAll(store, corpus, exact);
        }

        if (qdrant) {
            measureQdrant(corpus, exact);
        }
        if (real > 0) {
            measureReal(real);
        }
        if (!keepDir) {
            deleteRecursively(dir);
        }
    }

    /**
     * The same chunks and queries on a real Qdrant 1.16.3 (one node on loopback, started here): build throughput with
     * the same writer threads, then the same measurements once Qdrant's optimizer has indexed every segment.
     */
    private void measureQdrant(Corpus corpus, int[][] exact) throws Exception {
        Path qdrantDir = Files.createTempDirectory("teammate-bench-qdrant-");
        try (QdrantServer server = QdrantServer.start(qdrantDir.resolve("node"))) {
            QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", server.grpcPort(), false)
                    .build());
            CamelContext context = new DefaultCamelContext();
            context.getComponent("qdrant", QdrantComponent.class).getConfiguration().setClient(client);
            context.start();
            try (VectorStore store = new QdrantVectorStore(context, client,
                    QdrantCollectionSettings.singleNode("bench"), DIMENSIONS)) {
                System.out.println("-- Qdrant " + QdrantServer.VERSION + " (one node, HNSW m=16, ef_construct=100,"
                        + " search ef = candidates; hybrid with BM25-style sparse vectors, fused in the hub):");
                build(store, corpus);
                long waitStarted = System.nanoTime();
                while (!server.get("/collections/bench").contains("\"status\":\"green\"")) {
                    Thread.sleep(500);
                }
                System.out.printf("Qdrant's optimizer finished indexing %.1f s after the last write%n",
                        seconds(waitStarted));
                measureAll(store, corpus, exact);
            } finally {
                context.stop();
                client.close();
            }
        }
        deleteRecursively(qdrantDir);
    }

    private void measureAll(VectorStore store, Corpus corpus, int[][] exact) {
        // Warm-up, so the first measured queries do not pay for class loading, JIT and page faults.
        measureVector(store, corpus, exact, 100, Math.min(queries, 200), false);
        measureVector(store, corpus, exact, 50, queries, true);
        measureVector(store, corpus, exact, 100, queries, true);
        measureHybrid(store, corpus, 100, queries);
    }

    private void build(VectorStore store, Corpus corpus) throws Exception {
        int items = (chunks + chunksPerItem - 1) / chunksPerItem;
        AtomicInteger nextItem = new AtomicInteger();
        AtomicInteger itemsDone = new AtomicInteger();
        AtomicLong chunksDone = new AtomicLong();
        long started = System.nanoTime();
        int reportEvery = Math.max(1, items / 20);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    for (int item = nextItem.getAndIncrement(); item < items; item = nextItem.getAndIncrement()) {
                        List<StoredChunk> itemChunks = corpus.item(item, chunksPerItem);
                        store.replaceItem(itemChunks.get(0).itemId(), itemChunks);
                        long total = chunksDone.addAndGet(itemChunks.size());
                        int done = itemsDone.incrementAndGet();
                        if (done % reportEvery == 0 || done == items) {
                            double elapsed = seconds(started);
                            System.out.printf("  indexed %d/%d items (%d chunks, %d%%) in %.0f s, %.0f chunks/s%n",
                                    done, items, total, 100L * done / items, elapsed, total / elapsed);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        double elapsed = seconds(started);
        System.out.printf("BUILD: %d chunks in %.1f s = %.0f chunks/s (%d replaceItem calls, each committed)%n",
                store.count(), elapsed, store.count() / elapsed, items);
    }

    private void measureVector(VectorStore store, Corpus corpus, int[][] exact, int candidates, int count,
            boolean print) {
        long[] latencies = new long[count];
        double recallSum = 0;
        for (int q = 0; q < count; q++) {
            SearchRequest request = new SearchRequest(null, corpus.queryVectors[q], K, candidates, SearchFilter.NONE,
                    SearchMode.VECTOR);
            long started = System.nanoTime();
            List<SearchHit> hits = store.search(request);
            latencies[q] = System.nanoTime() - started;
            recallSum += recall(hits, exact[q]);
        }
        if (print) {
            System.out.printf("VECTOR  (ANN, %3d candidates, top %d): p50 %.2f ms, p99 %.2f ms, mean %.2f ms, "
                    + "recall@10 %.3f over %d queries%n", candidates, K, percentile(latencies, 50),
                    percentile(latencies, 99), mean(latencies), recallSum / count, count);
        }
    }

    private void measureHybrid(VectorStore store, Corpus corpus, int candidates, int count) {
        long[] latencies = new long[count];
        for (int q = 0; q < count; q++) {
            SearchRequest request = new SearchRequest(corpus.queryTexts[q], corpus.queryVectors[q], K, candidates,
                    SearchFilter.NONE, SearchMode.HYBRID);
            long started = System.nanoTime();
            store.search(request);
            latencies[q] = System.nanoTime() - started;
        }
        System.out.printf("HYBRID  (ANN + BM25, %d candidates each, RRF k=60, top %d): p50 %.2f ms, p99 %.2f ms, "
                + "mean %.2f ms over %d queries%n", candidates, K, percentile(latencies, 50),
                percentile(latencies, 99), mean(latencies), count);
    }

    /** Recall@10 on real MiniLM embeddings of generated sentences: a sanity check of the synthetic figures. */
    private void measureReal(int n) throws IOException {
        Path realDir = Files.createTempDirectory("teammate-bench-real-");
        Random random = new Random(SEED + 1);
        List<String> sentences = RealishSentences.generate(n + queries, random);
        MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
        long started = System.nanoTime();
        List<float[]> embedded = new ArrayList<>(sentences.size());
        for (int from = 0; from < sentences.size(); from += 256) {
            List<TextSegment> batch = sentences.subList(from, Math.min(from + 256, sentences.size())).stream()
                    .map(TextSegment::from).toList();
            model.embedAll(batch).content().forEach(e -> embedded.add(e.vector()));
        }
        System.out.printf("REAL: embedded %d sentences with MiniLM in %.1f s%n", sentences.size(), seconds(started));

        float[][] vectors = embedded.subList(0, n).toArray(new float[0][]);
        float[][] queryVectors = embedded.subList(n, n + queries).toArray(new float[0][]);
        try (VectorStore store = new LuceneVectorStore(realDir, DIMENSIONS)) {
            for (int from = 0; from < n; from += chunksPerItem) {
                List<StoredChunk> item = new ArrayList<>();
                for (int i = from; i < Math.min(from + chunksPerItem, n); i++) {
                    item.add(new StoredChunk("real:" + from + "#1#" + i, "real:" + from, "file", null, null,
                            i - from, sentences.get(i), 0L, null, null, vectors[i]));
                }
                store.replaceItem("real:" + from, item);
            }
            int[][] exact = exactTopK(vectors, queryVectors, K);
            for (int candidates : new int[] {50, 100}) {
                double recallSum = 0;
                for (int q = 0; q < queries; q++) {
                    recallSum += recall(store.search(new SearchRequest(null, queryVectors[q], K, candidates, null,
                            SearchMode.VECTOR)), exact[q]);
                }
                System.out.printf("REAL VECTOR (%d MiniLM chunks, %d candidates): recall@10 %.3f over %d queries%n",
                        n, candidates, recallSum / queries, queries);
            }
        }
        deleteRecursively(realDir);
    }

    /** Chunk ids end in {@code #<global index>}; exact holds global indexes. */
    private static double recall(List<SearchHit> hits, int[] exact) {
        int found = 0;
        for (SearchHit hit : hits) {
            String id = hit.chunk().id();
            int index = Integer.parseInt(id.substring(id.lastIndexOf('#') + 1));
            for (int e : exact) {
                if (e == index) {
                    found++;
                    break;
                }
            }
        }
        return (double) found / exact.length;
    }

    /** Exact top-k by dot product (all vectors are unit length, so it is cosine), queries split over the cores. */
    static int[][] exactTopK(float[][] vectors, float[][] queryVectors, int k) {
        int[][] result = new int[queryVectors.length][];
        IntStream.range(0, queryVectors.length).parallel().forEach(q -> {
            float[] query = queryVectors[q];
            int[] best = new int[k];
            float[] bestScore = new float[k];
            Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < vectors.length; i++) {
                float[] v = vectors[i];
                float dot = 0;
                for (int d = 0; d < v.length; d++) {
                    dot += v[d] * query[d];
                }
                if (dot > bestScore[k - 1]) {
                    int pos = k - 1;
                    while (pos > 0 && bestScore[pos - 1] < dot) {
                        bestScore[pos] = bestScore[pos - 1];
                        best[pos] = best[pos - 1];
                        pos--;
                    }
                    bestScore[pos] = dot;
                    best[pos] = i;
                }
            }
            result[q] = best;
        });
        return result;
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static long folderSize(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The synthetic chunks and queries, generated once from a seed. */
    private static final class Corpus {
        private final float[][] vectors;
        private final String[] texts;
        private final float[][] queryVectors;
        private final String[] queryTexts;

        private Corpus(float[][] vectors, String[] texts, float[][] queryVectors, String[] queryTexts) {
            this.vectors = vectors;
            this.texts = texts;
            this.queryVectors = queryVectors;
            this.queryTexts = queryTexts;
        }

        static Corpus generate(int chunks, int queries, Random random) {
            EmbeddingSpace space = new EmbeddingSpace(random);
            Vocabulary vocabulary = new Vocabulary(random);
            float[][] vectors = new float[chunks][];
            String[] texts = new String[chunks];
            for (int i = 0; i < chunks; i++) {
                int topic = space.randomTopic(random);
                vectors[i] = space.point(topic, random);
                texts[i] = vocabulary.text(topic, WORDS_PER_CHUNK, random);
            }
            float[][] queryVectors = new float[queries][];
            String[] queryTexts = new String[queries];
            for (int q = 0; q < queries; q++) {
                int topic = space.randomTopic(random);
                // A held-out point, nudged: a question is near, not on, the passages that answer it.
                queryVectors[q] = space.perturb(space.point(topic, random), 0.15, random);
                queryTexts[q] = vocabulary.text(topic, 3 + random.nextInt(4), random);
            }
            return new Corpus(vectors, texts, queryVectors, queryTexts);
        }

        List<StoredChunk> item(int item, int perItem) {
            String itemId = "bench:" + item;
            List<StoredChunk> chunks = new ArrayList<>();
            for (int i = item * perItem; i < Math.min((item + 1) * perItem, vectors.length); i++) {
                chunks.add(new StoredChunk(itemId + "#1#" + i, itemId, "file", "Item " + item,
                        "file:///bench/" + item, i - item * perItem, texts[i], 1_700_000_000_000L + i, null, null,
                        vectors[i]));
            }
            return chunks;
        }
    }

    /**
     * Clustered, anisotropic vectors: topic centroids leaning on one shared direction (real embedding spaces are
     * not centred), and points spread mostly within a low-dimension subspace of their topic.
     */
    private static final class EmbeddingSpace {
        private final float[][] centroids = new float[TOPICS][];
        private final float[][][] subspaces = new float[TOPICS][][];
        private final double[] topicWeights = new double[TOPICS];

        EmbeddingSpace(Random random) {
            float[] shared = randomUnit(random);
            double total = 0;
            for (int t = 0; t < TOPICS; t++) {
                float[] own = randomUnit(random);
                float[] centroid = new float[DIMENSIONS];
                for (int d = 0; d < DIMENSIONS; d++) {
                    centroid[d] = 0.4f * shared[d] + own[d];
                }
                centroids[t] = normalize(centroid);
                subspaces[t] = new float[SUBSPACE_RANK][];
                for (int r = 0; r < SUBSPACE_RANK; r++) {
                    subspaces[t][r] = randomUnit(random);
                }
                // Some topics are much more common than others.
                total += 1.0 / (t + 10);
                topicWeights[t] = total;
            }
            for (int t = 0; t < TOPICS; t++) {
                topicWeights[t] /= total;
            }
        }

        int randomTopic(Random random) {
            int index = Arrays.binarySearch(topicWeights, random.nextDouble());
            return Math.min(index < 0 ? -index - 1 : index, TOPICS - 1);
        }

        float[] point(int topic, Random random) {
            float[] point = centroids[topic].clone();
            for (float[] direction : subspaces[topic]) {
                // Spread within the topic's subspace: norm about 0.7 overall, so a point keeps cosine ~0.8 to its
                // centroid and neighbours inside a topic are distinguishable.
                float weight = (float) (random.nextGaussian() * 0.7 / Math.sqrt(SUBSPACE_RANK));
                for (int d = 0; d < DIMENSIONS; d++) {
                    point[d] += weight * direction[d];
                }
            }
            return perturb(point, 0.2, random);
        }

        /** Adds isotropic noise of about {@code norm} in length and normalizes. */
        float[] perturb(float[] vector, double norm, Random random) {
            float[] result = vector.clone();
            double sigma = norm / Math.sqrt(DIMENSIONS);
            for (int d = 0; d < DIMENSIONS; d++) {
                result[d] += (float) (random.nextGaussian() * sigma);
            }
            return normalize(result);
        }

        private static float[] randomUnit(Random random) {
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            return normalize(vector);
        }

        private static float[] normalize(float[] vector) {
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < vector.length; d++) {
                vector[d] *= scale;
            }
            return vector;
        }
    }

    /** Made-up words with Zipf frequencies, plus a few words per topic, plus the odd ticket id. */
    private static final class Vocabulary {
        private static final String[] SYLLABLES = {"ka", "lo", "mi", "ten", "ar", "bro", "sel", "vu", "qi", "dan",
            "po", "ri", "mes", "tu", "gal", "fe", "nor", "yi", "zu", "cha"};

        private final String[] words = new String[VOCABULARY];
        private final double[] zipf = new double[VOCABULARY];
        private final int[][] topicWords = new int[TOPICS][TOPIC_WORDS];

        Vocabulary(Random random) {
            double total = 0;
            for (int w = 0; w < VOCABULARY; w++) {
                StringBuilder word = new StringBuilder();
                int length = 2 + random.nextInt(3);
                for (int s = 0; s < length; s++) {
                    word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                words[w] = word.toString();
                total += 1.0 / (w + 1);
                zipf[w] = total;
            }
            for (int w = 0; w < VOCABULARY; w++) {
                zipf[w] /= total;
            }
            for (int t = 0; t < TOPICS; t++) {
                for (int i = 0; i < TOPIC_WORDS; i++) {
                    // Topic words come from the rarer part of the vocabulary, where they carry information.
                    topicWords[t][i] = 500 + random.nextInt(VOCABULARY - 500);
                }
            }
        }

        String text(int topic, int length, Random random) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    text.append(' ');
                }
                double roll = random.nextDouble();
                if (roll < 0.3) {
                    text.append(words[topicWords[topic][random.nextInt(TOPIC_WORDS)]]);
                } else if (roll < 0.31) {
                    text.append("PAY-").append(1000 + random.nextInt(9000));
                } else {
                    int index = Arrays.binarySearch(zipf, random.nextDouble());
                    text.append(words[Math.min(index < 0 ? -index - 1 : index, VOCABULARY - 1)]);
                }
            }
            return text.toString();
        }
    }

    /** Sentences from templates and word lists, so MiniLM embeds something shaped like team notes. */
    private static final class RealishSentences {
        private static final String[] WHO = {"Anna", "The payments team", "Marco", "QA", "The on-call engineer",
            "Priya", "Design", "The backend team", "Leo", "Support"};
        private static final String[] DID = {"fixed", "reported", "reviewed", "postponed", "deployed", "rolled back",
            "investigated", "documented", "estimated", "closed"};
        private static final String[] WHAT = {"the checkout timeout", "the refund flow", "the login page redesign",
            "the nightly export job", "the search latency regression", "the invoice PDF layout",
            "the mobile push notifications", "the database migration", "the onboarding emails",
            "the currency rounding bug", "the rate limiter", "the audit log retention", "the SSO integration",
            "the release checklist", "the billing dashboard"};
        private static final String[] WHEN = {"on Monday", "before the release", "during the standup",
            "after the incident", "this sprint", "last week", "for the Q3 roadmap", "in the retro",
            "ahead of the customer demo", "while on call"};
        private static final String[] WHY = {"because customers complained", "to unblock the mobile team",
            "since the metrics looked wrong", "as agreed with product", "to reduce support tickets",
            "after a failed canary", "to meet the compliance deadline", "because the tests were flaky"};

        static List<String> generate(int n, Random random) {
            List<String> sentences = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sentences.add(pick(WHO, random) + " " + pick(DID, random) + " " + pick(WHAT, random) + " "
                        + pick(WHEN, random) + " " + pick(WHY, random) + " (PAY-" + (1000 + random.nextInt(9000))
                        + ").");
            }
            return sentences;
        }

        private static String pick(String[] options, Random random) {
            return options[random.nextInt(options.length)];
        }
    }
}
