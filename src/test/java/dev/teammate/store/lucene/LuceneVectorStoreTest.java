package dev.teammate.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import dev.teammate.store.VectorStoreContract;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared store contract on Lucene, plus what only the embedded store does: locking, read-only use, analysis. */
class LuceneVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore openStore(Path dir) {
        return new LuceneVectorStore(dir);
    }

    @Test
    void createsTheFolderWhenMissing(@TempDir Path parent) {
        Path nested = parent.resolve("a/b/store");

        try (VectorStore created = new LuceneVectorStore(nested)) {
            assertThat(created.count()).isZero();
        }
        assertThat(nested).isDirectory();
    }

    @Test
    void secondWriterOnTheSameFolderIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new LuceneVectorStore(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("in use by another process");
        // The refused attempt must not have broken the store that holds the lock.
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "still writable", unit(0))));
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void lockHeldByAnotherLiveProcessIsRefusedAndADeadOnesLockIsNot() throws Exception {
        store.close();
        store = null;
        Process child = startStoreHoldingProcess(dir);
        try {
            assertThatThrownBy(() -> new LuceneVectorStore(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the store at " + dir.toAbsolutePath() + " is in use by another process");
        } finally {
            // Killed, not stopped: the child never closes its store, as in a crash.
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        store = new LuceneVectorStore(dir);

        assertThat(store.chunkIds(StoreHoldingProcess.ITEM_ID)).containsExactly(StoreHoldingProcess.ITEM_ID + "#1#0");
    }

    @Test
    void refusesToReopenWithAnotherVectorSize() {
        store.close();

        assertThatThrownBy(() -> new LuceneVectorStore(dir, 768))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("384")
                .hasMessageContaining("768");
        store = new LuceneVectorStore(dir);
    }

    @Test
    void readOnlyStoreSearchesWhileTheWriterRunsAndSeesLaterCommits() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "quarterly planning", unit(0))));

        try (VectorStore reader = LuceneVectorStore.openReadOnly(dir)) {
            assertThat(reader.dimensions()).isEqualTo(store.dimensions());
            assertThat(reader.count()).isEqualTo(1);
            assertThat(ids(reader.search(request("planning", unit(0), 5, 10, null, SearchMode.HYBRID))))
                    .containsExactly("file:a#1#0");

            store.replaceItem("file:b", List.of(chunk("file:b", 1, 0, "planning offsite", unit(1))));

            assertThat(reader.count()).isEqualTo(2);
            assertThat(reader.chunkIds("file:b")).containsExactly("file:b#1#0");
        }
    }

    @Test
    void everyWriteIsCommittedWhenItReturnsEvenWhenWritersShareACommit() throws Exception {
        int writers = 8;
        int itemsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (org.apache.lucene.store.Directory files = org.apache.lucene.store.FSDirectory.open(dir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < itemsEach; i++) {
                        String item = "file:w" + writer + "-" + i;
                        store.replaceItem(item, version(item, 1, 3, store.dimensions()));
                        // A reader of the latest commit on disk must already hold the item.
                        try (org.apache.lucene.index.DirectoryReader committed =
                                     org.apache.lucene.index.DirectoryReader.open(files)) {
                            assertThat(new org.apache.lucene.search.IndexSearcher(committed).count(
                                    new TermQuery(new Term(ChunkDocuments.ITEM_ID, item)))).as(item).isEqualTo(3);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.count()).isEqualTo((long) writers * itemsEach * 3);
    }

    @Test
    void readOnlyStoreRefusesWrites() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "quarterly planning", unit(0))));

        try (VectorStore reader = LuceneVectorStore.openReadOnly(dir)) {
            assertThatThrownBy(() -> reader.replaceItem("file:a", List.of()))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> reader.removeItem("file:a"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void readOnlyOpenOfAFolderWithoutAStoreSaysSo(@TempDir Path empty) {
        assertThatThrownBy(() -> LuceneVectorStore.openReadOnly(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no store at");
        assertThatThrownBy(() -> LuceneVectorStore.openReadOnly(empty.resolve("missing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no store at");
    }

    @Test
    void englishWordFormsMatchEachOther() {
        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "We deployed the billing services on Monday.", unit(0)),
                chunk("file:a", 1, 1, "Lunch menu.", unit(1))));

        assertThat(ids(keyword("deploying billing service", 5))).containsExactly("file:a#1#0");
    }

    @Test
    void identifiersOfSeveralShapesAreFoundWhole() {
        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "Upgrade to v2.3.1 broke the parser.", unit(0)),
                chunk("file:a", 1, 1, "Version 2 and 3 notes; parser 1 docs.", unit(1)),
                chunk("file:a", 1, 2, "See build_log.txt on ci-runner-07 for details.", unit(2)),
                chunk("file:a", 1, 3, "The build log and the runner details.", unit(3))));

        assertThat(ids(keyword("v2.3.1", 4))).first().isEqualTo("file:a#1#0");
        assertThat(ids(keyword("build_log.txt", 4))).first().isEqualTo("file:a#1#2");
        assertThat(ids(keyword("CI-RUNNER-07", 4))).first().isEqualTo("file:a#1#2");
    }

    @Test
    void readersNeverSeeAnItemHalfReplaced() throws Exception {
        int dimensions = store.dimensions();
        store.replaceItem("file:hot", version("file:hot", 0, 3, dimensions));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int v = 1; v <= 80; v++) {
                        store.replaceItem("file:hot", version("file:hot", v, 3, dimensions));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                do {
                    List<String> ids = store.chunkIds("file:hot");
                    assertThat(ids).hasSize(3);
                    String version = ids.get(0).split("#")[1];
                    assertThat(ids).allMatch(id -> id.split("#")[1].equals(version));
                } while (writing.get());
                return null;
            });
            writer.get(120, TimeUnit.SECONDS);
            reader.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyCommittedWritesSurviveACrash() throws Exception {
        // The child process writes one item through replaceItem and is then killed without close: that item, and
        // only it, must be there.
        store.close();
        store = null;
        Process child = startStoreHoldingProcess(dir);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        store = new LuceneVectorStore(dir);

        assertThat(store.count()).isEqualTo(1);
        List<SearchHit> hits = keyword("crash", 5);
        assertThat(hits).extracting(hit -> hit.chunk().id()).containsExactly(StoreHoldingProcess.ITEM_ID + "#1#0");
    }

    /** Starts {@link StoreHoldingProcess} on {@code dir} and waits until it has written its item. */
    private static Process startStoreHoldingProcess(Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreHoldingProcess.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.equals("ready")) {
                // Keep draining so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return child;
            }
            seen.add(line);
        }
        throw new AssertionError("the store-holding process ended before it was ready: " + String.join("\n", seen)
                + (Files.exists(dir) ? "" : " (no store folder)"));
    }
}
