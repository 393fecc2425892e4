package dev.teammate.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.teammate.chunk.Chunk;
import dev.teammate.chunk.Chunker;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.embed.MiniLmTokenizer;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.hub.TestHub;
import dev.teammate.hub.TestHubs;
import dev.teammate.ledger.ItemStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Ingest throughput from drop to searchable, as a ratio of raw {@code embedAll} throughput on the same chunk texts,
 * measured in the same run (the machines are shared and noisy: only the ratio is comparable between runs).
 *
 * <p>The reference embeds every chunk with LangChain4j's {@code embedAll} (its own thread pool, one task per text)
 * on the model the hub uses, before and after the hub run; the hub run drops the documents into the inbox of a hub
 * with the shipped settings
 * (polling, the read lock's wait for files to settle, extraction, chunking, embedding through the route, the Lucene
 * commit and the ledger) and stops the clock when the last item is indexed.
 *
 * <p>Arguments: {@code --docs N} (default 300), {@code --words N} per document (default 1500).
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int docs = intArg(args, "--docs", 300);
        int words = intArg(args, "--words", 1500);
        System.out.println("Ingest benchmark on " + Machine.describe());

        List<String> documents = BenchCorpus.documents(docs, words, 42);
        List<String> chunkTexts = chunkTexts(documents);
        System.out.printf(Locale.ROOT, "Corpus: %d documents, %d chunks%n", docs, chunkTexts.size());

        MiniLmEmbeddingModel model = TestHubs.model();
        model.embedAll(chunkTexts.subList(0, Math.min(16, chunkTexts.size())).stream().map(TextSegment::from).toList());

        double rawBefore = rawThroughput(model, chunkTexts);
        System.out.printf(Locale.ROOT, "Raw embedAll:        %.1f chunks/s%n", rawBefore);
        double hub = hubThroughput(documents, chunkTexts.size());
        System.out.printf(Locale.ROOT, "Drop to searchable:  %.1f chunks/s%n", hub);
        double rawAfter = rawThroughput(model, chunkTexts);
        System.out.printf(Locale.ROOT, "Raw embedAll again:  %.1f chunks/s%n", rawAfter);

        double stock = rawThroughput(new MiniLmEmbeddingModel(null, 0), chunkTexts);
        System.out.printf(Locale.ROOT, "For context, embedAll with ONNX Runtime's default threading (every core per "
                + "call): %.1f chunks/s%n", stock);

        double raw = (rawBefore + rawAfter) / 2;
        System.out.printf(Locale.ROOT, "RESULT ingest/raw ratio = %.2f (goal >= 0.90); hub %.1f chunks/s, raw %.1f "
                + "chunks/s%n", hub / raw, hub, raw);
        System.exit(0);
    }

    private static List<String> chunkTexts(List<String> documents) {
        List<String> texts = new ArrayList<>();
        long tokens = 0;
        try (MiniLmTokenizer tokenizer = new MiniLmTokenizer()) {
            Chunker chunker = new Chunker(tokenizer, 320, 400, 48);
            for (String document : documents) {
                List<Segment> paragraphs = Arrays.stream(document.split("\n\n")).filter(p -> !p.isBlank())
                        .map(p -> Segment.paragraph(p.strip())).toList();
                for (Chunk chunk : chunker.chunk(new ExtractedText(null, paragraphs, false))) {
                    texts.add(chunk.text());
                    tokens += chunk.tokens();
                }
            }
        }
        System.out.printf(Locale.ROOT, "Reference chunks: %d word pieces in all%n", tokens);
        return texts;
    }

    private static double rawThroughput(MiniLmEmbeddingModel model, List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        long started = System.nanoTime();
        model.embedAll(segments);
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static double hubThroughput(List<String> documents, int expectedChunks) throws Exception {
        Path dataDir = Files.createTempDirectory("teammate-ingest-bench");
        Properties shipped = new Properties();
        shipped.setProperty("teammate.inbox.poll-ms", "1000");
        shipped.setProperty("teammate.inbox.stable-ms", "1000");
        try (TestHub hub = TestHub.start(dataDir, shipped)) {
            Path staging = Files.createDirectories(dataDir.resolve("staging"));
            for (int i = 0; i < documents.size(); i++) {
                Files.writeString(staging.resolve(String.format(Locale.ROOT, "notes-%03d.md", i)), documents.get(i));
            }
            long started = System.nanoTime();
            for (int i = 0; i < documents.size(); i++) {
                String name = String.format(Locale.ROOT, "notes-%03d.md", i);
                Files.move(staging.resolve(name), hub.inbox().resolve(name));
            }
            TestHub.await(Duration.ofMinutes(30), "every document to be indexed", () ->
                    hub.ledger().countByStatus().get(ItemStatus.INDEXED) == documents.size());
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = hub.store().count();
            if (stored != expectedChunks) {
                System.out.printf("Note: the hub stored %d chunks, the reference embedded %d%n", stored,
                        expectedChunks);
            }
            return stored / seconds;
        }
    }

    private static int intArg(String[] args, String name, int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
