package dev.teammate.bench;

import ch.qos.logback.classic.Level;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.teammate.ask.AskRequest;
import dev.teammate.ask.Asker;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.llm.ModelTier;
import dev.teammate.llm.ModelTiers;
import dev.teammate.llm.PromptTemplates;
import dev.teammate.retrieve.Retriever;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import dev.teammate.store.lucene.LuceneVectorStore;
import org.apache.camel.Exchange;
import org.apache.camel.component.langchain4j.embeddings.LangChain4jEmbeddingsHeaders;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What {@code POST /api/ask} costs besides the model, at 100 000 chunks: embedding the question, the relevance check,
 * the hybrid retrieval and building the prompt from the template files, through the production {@link Asker}.
 * Measured next to a plain hybrid search of the same questions (what {@code /api/search} does), as a ratio.
 *
 * <p>The store holds product-team prose ({@link BenchCorpus}): 2 000 distinct passages embedded by MiniLM, each
 * stored 50 times with its vector nudged by a little noise and its text varied by a number, so the vectors are
 * shaped like real embeddings and the questions, embedded by the same model, find near neighbours.
 * Options: {@code --chunks N} (100000), {@code --questions Q} (500).
 */
public final class AskBenchmark {

    private static final String[] QUESTIONS = {"What did the payments team decide about card retries?",
        "Who is moving the primary database to a managed cluster?", "When does offline mode for the field app ship?",
        "Why do customers abandon the signup form?", "What is tracked in PAY-1432?",
        "Which team works on single sign-on?", "What did the retro conclude about alerts?",
        "Is the pricing experiment launching this quarter?", "How will we cut the p99 latency of the orders API?",
        "What did sales hear from enterprise accounts?"};

    private AskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = 100_000;
        int questions = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--questions" -> questions = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --chunks"
                        + " --questions");
            }
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.teammate")).setLevel(Level.WARN);
        System.out.println("Ask benchmark on " + Machine.describe());
        Path dir = Files.createTempDirectory("teammate-ask-bench");
        MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
        try (VectorStore store = new LuceneVectorStore(dir, MiniLmEmbeddingModel.DIMENSIONS)) {
            build(store, model, chunks);
            measure(store, model, questions);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void build(VectorStore store, MiniLmEmbeddingModel model, int chunks) {
        long started = System.nanoTime();
        List<String> passages = BenchCorpus.documents(2000, 70, 7);
        List<TextSegment> segments = passages.stream().map(TextSegment::from).toList();
        List<Embedding> embedded = new ArrayList<>();
        for (int from = 0; from < segments.size(); from += 100) {
            embedded.addAll(model.embedAll(segments.subList(from, Math.min(from + 100, segments.size()))).content());
            System.out.printf(Locale.ROOT, "  embedded %d/%d passages%n", embedded.size(), segments.size());
        }
        Random random = new Random(11);
        int perItem = 10;
        long day = Duration.ofDays(1).toMillis();
        for (int item = 0; item * perItem < chunks; item++) {
            List<StoredChunk> itemChunks = new ArrayList<>(perItem);
            String itemId = "file:bench/" + item + ".md";
            for (int p = 0; p < perItem && item * perItem + p < chunks; p++) {
                int n = item * perItem + p;
                int passage = n % passages.size();
                float[] vector = embedded.get(passage).vector().clone();
                for (int d = 0; d < vector.length; d++) {
                    vector[d] += (float) (random.nextGaussian() * 0.01);
                }
                itemChunks.add(new StoredChunk(itemId + "#1#" + p, itemId, "file", "notes " + item + ".md", null, p,
                        passages.get(passage) + " (copy " + n + ")", System.currentTimeMillis() - (n % 365) * day,
                        null, null, vector));
            }
            store.replaceItem(itemId, itemChunks);
            if ((item + 1) % 1000 == 0) {
                System.out.printf(Locale.ROOT, "  stored %d/%d chunks (%d%%), %.0f chunks/s%n", (item + 1) * perItem,
                        chunks, 100L * (item + 1) * perItem / chunks, (item + 1) * perItem
                                / ((System.nanoTime() - started) / 1e9));
            }
        }
        System.out.printf(Locale.ROOT, "store: %d chunks, built in %.0f s%n", store.count(),
                (System.nanoTime() - started) / 1e9);
    }

    private static void measure(VectorStore store, MiniLmEmbeddingModel model, int questions) throws Exception {
        ModelTiers tiers = new ModelTiers(List.of(new ModelTier("small", "http://127.0.0.1:9/v1", "bench", 8192, 1024,
                null, Duration.ofSeconds(1), 0)));
        Retriever retriever = new Retriever(store, 100);
        Asker asker = new Asker(retriever, new PromptTemplates(Path.of("templates").toAbsolutePath()), tiers,
                "small", 0.3);
        DefaultCamelContext context = new DefaultCamelContext();
        long[] ask = new long[questions];
        long[] askNoEmbedding = new long[questions];
        long[] search = new long[questions];
        int found = 0;
        // Warm-up rounds are not counted: class loading, JIT, page cache.
        for (int round = 0; round < 2; round++) {
            for (int q = 0; q < questions; q++) {
                String question = QUESTIONS[q % QUESTIONS.length] + (q >= QUESTIONS.length ? " (" + q + ")" : "");

                long started = System.nanoTime();
                float[] vector = model.embed(question).content().vector();
                long embeddedAt = System.nanoTime();
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setBody(new AskRequest(question, SearchFilter.NONE, 8));
                asker.start(exchange);
                exchange.getMessage().setHeader(LangChain4jEmbeddingsHeaders.VECTOR, vector);
                asker.retrieve(exchange);
                if (exchange.getMessage().getHeader("TeammateFound", Boolean.class)) {
                    asker.prompt(exchange);
                    found += round;
                }
                long done = System.nanoTime();

                float[] again = model.embed(question).content().vector();
                long searchStarted = System.nanoTime();
                store.search(new SearchRequest(question, again, 8, 100, SearchFilter.NONE, SearchMode.HYBRID));
                long searchDone = System.nanoTime();

                ask[q] = done - started;
                askNoEmbedding[q] = done - embeddedAt;
                search[q] = searchDone - searchStarted + (embeddedAt - started);
            }
        }
        System.out.printf(Locale.ROOT, "questions: %d, answered from the data (prompt built): %d%n", questions,
                found);
        System.out.printf(Locale.ROOT, "RESULT ask without the model (embed question + relevance check + hybrid"
                + " retrieval of 8 + prompt): p50 %.1f ms, p99 %.1f ms (goal p99 < 50 ms)%n", percentile(ask, 50),
                percentile(ask, 99));
        System.out.printf(Locale.ROOT, "RESULT of which after embedding the question: p50 %.1f ms, p99 %.1f ms%n",
                percentile(askNoEmbedding, 50), percentile(askNoEmbedding, 99));
        System.out.printf(Locale.ROOT, "RESULT plain hybrid search of the same questions (embed + search): p50 %.1f"
                + " ms, p99 %.1f ms; ask / search at p99: %.2f%n", percentile(search, 50), percentile(search, 99),
                percentile(ask, 99) / percentile(search, 99));
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
