package dev.teammate.cli;

import dev.teammate.config.StandaloneSettings;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.VectorStore;
import dev.teammate.store.lucene.LuceneVectorStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches the embedded store from the command line, beside a running hub or without one:
 * {@code search [--k N] [--mode hybrid|vector|keyword] [--source S] <query words>}. Reads the store folder from the
 * same settings as the hub and opens it read-only, so it sees what the hub last committed.
 */
public final class SearchCommand {

    private SearchCommand() {
    }

    public static int run(String[] args) {
        PrintStream out = System.out;
        int k = 10;
        SearchMode mode = SearchMode.HYBRID;
        List<String> sources = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--k" -> k = Integer.parseInt(args[++i]);
                case "--mode" -> mode = SearchMode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--source" -> sources.add(args[++i]);
                default -> words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            System.err.println("usage: search [--k N] [--mode hybrid|vector|keyword] [--source S] <query words>");
            return 2;
        }
        String query = String.join(" ", words);

        Path storeDir = storeDir();
        VectorStore opened;
        try {
            opened = LuceneVectorStore.openReadOnly(storeDir);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("Cannot search: " + e.getMessage()
                    + ". Start the hub and drop files into its inbox first.");
            return 1;
        }
        try (VectorStore store = opened) {
            float[] vector = new MiniLmEmbeddingModel().embed(query).content().vector();
            SearchFilter filter = new SearchFilter(java.util.Set.copyOf(sources), null, null, null);
            List<SearchHit> hits = store.search(new SearchRequest(query, vector, k, 100, filter, mode));
            if (hits.isEmpty()) {
                out.println("No results for: " + query);
            }
            int rank = 1;
            for (SearchHit hit : hits) {
                out.printf(Locale.ROOT, "%2d. %.4f  %s  [%s]%n", rank++, hit.score(), hit.chunk().title(),
                        hit.chunk().itemId());
                out.println("    " + preview(hit.chunk().text()));
            }
        }
        return 0;
    }

    private static Path storeDir() {
        return StandaloneSettings.folder("teammate.store.dir");
    }

    private static String preview(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
