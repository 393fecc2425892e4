package dev.teammate.store.lucene;

import dev.teammate.store.ChunkValidator;
import dev.teammate.store.ExportableStore;
import dev.teammate.store.ReciprocalRankFusion;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded default {@link VectorStore}: one Lucene index in a folder, holding each chunk's text for BM25 and its
 * embedding in an HNSW graph, searched in process.
 *
 * <p>Writes: {@link #replaceItem} deletes the item's old chunks and adds the new ones in one atomic Lucene update,
 * commits, then refreshes the searcher, so when it returns the new version is on disk and is what searches see.
 * Nothing else is ever committed half-done, so after a crash the store reopens at the last completed item. Writes
 * from several threads run in parallel (HNSW insertion, the costly part, happens as documents are added); commits
 * are serialized by Lucene and share work.
 *
 * <p>Searches run on a near-real-time searcher and never wait for writes. Filters are applied inside both retrievers:
 * the nearest-neighbour search is pre-filtered, so a narrow filter still returns up to {@code k} matching chunks.
 *
 * <p>Limits: one process at a time may open the folder for writing (Lucene's file lock); others may open it with
 * {@link #openReadOnly}, which sees what was committed. Every write returns committed (fsync); writes that arrive
 * together share a commit, but a lone writer still commits per item, and many small items mean many small segments
 * to merge, and merging rebuilds HNSW graphs. Query text beyond {@value SearchQueries#MAX_QUERY_CHARS} characters
 * is ignored.
 */
public final class LuceneVectorStore implements ExportableStore {

    public static final int DEFAULT_DIMENSIONS = 384;

    private static final Logger LOG = LoggerFactory.getLogger(LuceneVectorStore.class);

    /** Commit user data key recording the vector size, so a store is never reopened with a different model's size. */
    private static final String DIMENSIONS_KEY = "teammate.dimensions";

    /** Lucene 9's default vector formats accept at most this many dimensions. */
    private static final int MAX_DIMENSIONS = 1024;

    private final Path path;
    private final int dimensions;
    private final Directory directory;
    private final Analyzer analyzer;
    /** {@code null} when opened read-only. */
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ChunkValidator validator;
    private final SearchQueries queries;
    private final ReciprocalRankFusion fusion = new ReciprocalRankFusion();
    private volatile boolean closed;
    private final Object durability = new Object();
    /** Sequence number of the last change committed and visible; guarded by {@link #durability}. */
    private long durableSeq = -1;
    /** Whether a writer is committing now; guarded by {@link #durability}. */
    private boolean committing;

    /** Opens, or creates, a store of {@value #DEFAULT_DIMENSIONS}-dimension vectors in {@code path}. */
    public LuceneVectorStore(Path path) {
        this(path, DEFAULT_DIMENSIONS);
    }

    /**
     * Opens, or creates, a store in {@code path} (created if missing) for vectors of {@code dimensions}.
     *
     * @throws IllegalStateException when another process has the store open, or it holds vectors of another size
     */
    public LuceneVectorStore(Path path, int dimensions) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("dimensions must be between 1 and " + MAX_DIMENSIONS + ", was "
                    + dimensions);
        }
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
        this.dimensions = dimensions;
        this.analyzer = ChunkAnalyzers.perField();
        this.validator = new ChunkValidator(dimensions);
        this.queries = new SearchQueries(analyzer);

        Directory dir = null;
        IndexWriter openedWriter = null;
        try {
            Files.createDirectories(this.path);
            dir = new MMapDirectory(this.path);
            Integer recorded = recordedDimensions(dir);
            if (recorded != null && recorded != dimensions) {
                throw new IllegalStateException("the store at " + this.path + " holds " + recorded
                        + "-dimension vectors; it cannot be opened for " + dimensions + " dimensions");
            }
            openedWriter = openWriter(dir);
            if (recorded == null) {
                // Commit right away so the folder is a valid, empty index with its size recorded: a read-only
                // opener or a reopen after a crash finds a store, not an empty folder.
                openedWriter.setLiveCommitData(Map.of(DIMENSIONS_KEY, Integer.toString(dimensions)).entrySet());
                openedWriter.commit();
            }
            this.searchers = new SearcherManager(openedWriter, null);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(openedWriter, dir, analyzer);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open the store at " + this.path, io);
            }
            throw (RuntimeException) e;
        }
        this.directory = dir;
        this.writer = openedWriter;
        LOG.info("opened store at {}: {} chunks, {} dimensions", this.path, count(), dimensions);
    }

    private LuceneVectorStore(Path path, Directory directory, int dimensions, SearcherManager searchers,
            Analyzer analyzer) {
        this.path = path;
        this.directory = directory;
        this.dimensions = dimensions;
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.writer = null;
        this.validator = new ChunkValidator(dimensions);
        this.queries = new SearchQueries(analyzer);
    }

    /**
     * Opens an existing store for searching only, for instance from a command-line tool while the hub runs. It takes
     * no lock, sees what the writer has committed (picking up newer commits as it searches), and its write methods
     * throw {@link UnsupportedOperationException}.
     *
     * @throws IllegalStateException when {@code path} holds no store
     */
    public static VectorStore openReadOnly(Path path) {
        Path absolute = Objects.requireNonNull(path, "path").toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalStateException("there is no store at " + absolute);
        }
        Directory dir = null;
        Analyzer analyzer = ChunkAnalyzers.perField();
        try {
            dir = new MMapDirectory(absolute);
            Integer recorded = recordedDimensions(dir);
            if (recorded == null) {
                throw new IllegalStateException("there is no store at " + absolute);
            }
            SearcherManager searchers = new SearcherManager(dir, null);
            return new LuceneVectorStore(absolute, dir, recorded, searchers, analyzer);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(dir, analyzer);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open the store at " + absolute + " read-only", io);
            }
            throw (RuntimeException) e;
        }
    }

    private IndexWriter openWriter(Directory dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(true);
        try {
            return new IndexWriter(dir, config);
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("the store at " + path + " is in use by another process (or already"
                    + " open in this one): its write lock is held. Stop the other process, or open the store"
                    + " read-only to search it", e);
        }
    }

    /** The vector size recorded in the last commit, or {@code null} when the folder holds no index yet. */
    private static Integer recordedDimensions(Directory dir) throws IOException {
        try {
            String value = SegmentInfos.readLatestCommit(dir).getUserData().get(DIMENSIONS_KEY);
            return value == null ? null : Integer.valueOf(value);
        } catch (IndexNotFoundException e) {
            return null;
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public void replaceItem(String itemId, List<StoredChunk> chunks) {
        ensureWritable();
        validator.validate(itemId, chunks);
        List<Document> docs = chunks.stream().map(ChunkDocuments::toDocument).toList();
        List<String> ids = chunks.stream().map(StoredChunk::id).toList();
        // One update deletes the old version (and any chunk already stored under one of the new ids) and adds the
        // new one; Lucene applies it as a unit, so no reader and no commit ever sees the item half replaced.
        write("replace item " + itemId, () -> writer.updateDocuments(SearchQueries.itemOrIds(itemId, ids), docs));
        LOG.debug("replaced item {} with {} chunks", itemId, docs.size());
    }

    @Override
    public void removeItem(String itemId) {
        ensureWritable();
        validator.validateItemId(itemId);
        write("remove item " + itemId,
                () -> writer.deleteDocuments(new TermQuery(new Term(ChunkDocuments.ITEM_ID, itemId))));
        LOG.debug("removed item {}", itemId);
    }

    private void write(String what, IndexChange change) {
        try {
            awaitDurable(change.apply());
        } catch (AlreadyClosedException e) {
            throw new IllegalStateException("cannot " + what + ": the store at " + path + " is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + what + " in the store at " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + what + " durable in the store at " + path,
                    e);
        }
    }

    /**
     * Returns once the change with sequence number {@code seq} is committed and visible to searches. Group commit:
     * the first writer to arrive commits and refreshes for every change made before its commit started, while the
     * writers that arrive meanwhile wait and are covered by the next commit. Several items written at once thus
     * share one commit and one new segment, which saves fsyncs and, above all, the merging of many tiny segments
     * (merging rebuilds HNSW graphs, the costliest part of indexing).
     */
    private void awaitDurable(long seq) throws IOException, InterruptedException {
        synchronized (durability) {
            while (durableSeq < seq && committing) {
                durability.wait();
            }
            if (durableSeq >= seq) {
                return;
            }
            committing = true;
        }
        long covered = -1;
        try {
            // This commit starts after the change was made, so it covers it even when the change altered nothing
            // (removing an unknown item) and Lucene reports an older sequence number for a commit it skipped.
            covered = Math.max(writer.commit(), seq);
            // Blocking: when this returns, the change is visible to the next search on any thread.
            searchers.maybeRefreshBlocking();
        } finally {
            synchronized (durability) {
                committing = false;
                durableSeq = Math.max(durableSeq, covered);
                durability.notifyAll();
            }
        }
    }

    @Override
    public List<String> chunkIds(String itemId) {
        validator.validateItemId(itemId);
        return withSearcher(searcher -> {
            Query query = new TermQuery(new Term(ChunkDocuments.ITEM_ID, itemId));
            TopDocs top = searcher.search(query, Math.max(1, searcher.count(query)));
            StoredFields fields = searcher.storedFields();
            List<StoredChunk> chunks = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                chunks.add(ChunkDocuments.fromDocument(fields.document(hit.doc)));
            }
            chunks.sort(Comparator.comparingInt(StoredChunk::position).thenComparing(StoredChunk::id));
            return chunks.stream().map(StoredChunk::id).toList();
        });
    }

    @Override
    public List<String> itemIdsAfter(String after, int limit) {
        return withSearcher(searcher -> {
            // Terms of deleted chunks stay in the index until a merge; only items with a live chunk count.
            TreeSet<String> ids = new TreeSet<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(ChunkDocuments.ITEM_ID);
                if (terms == null) {
                    continue;
                }
                TermsEnum iterator = terms.iterator();
                BytesRef term = after == null ? iterator.next()
                        : iterator.seekCeil(new BytesRef(after)) == TermsEnum.SeekStatus.END ? null : iterator.term();
                int taken = 0;
                for (; term != null && taken < limit; term = iterator.next()) {
                    String id = term.utf8ToString();
                    if (after != null && id.compareTo(after) <= 0) {
                        continue;
                    }
                    if (searcher.count(new TermQuery(new Term(ChunkDocuments.ITEM_ID, id))) > 0) {
                        ids.add(id);
                        taken++;
                    }
                }
            }
            return ids.stream().limit(limit).toList();
        });
    }

    @Override
    public List<StoredChunk> export(String itemId) {
        validator.validateItemId(itemId);
        return withSearcher(searcher -> {
            List<StoredChunk> chunks = new ArrayList<>();
            Query query = new TermQuery(new Term(ChunkDocuments.ITEM_ID, itemId));
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Scorer scorer = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1)
                        .scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                StoredFields fields = leaf.reader().storedFields();
                FloatVectorValues vectors = leaf.reader().getFloatVectorValues(ChunkDocuments.VECTOR);
                Bits live = leaf.reader().getLiveDocs();
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    StoredChunk chunk = ChunkDocuments.fromDocument(fields.document(doc));
                    float[] vector = vectors != null && vectors.advance(doc) == doc ? vectors.vectorValue().clone()
                            : null;
                    chunks.add(new StoredChunk(chunk.id(), chunk.itemId(), chunk.source(), chunk.title(),
                            chunk.link(), chunk.position(), chunk.text(), chunk.time(), chunk.startSeconds(),
                            chunk.endSeconds(), vector));
                }
            }
            chunks.sort(Comparator.comparingInt(StoredChunk::position).thenComparing(StoredChunk::id));
            return chunks;
        });
    }

    @Override
    public long count() {
        return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.mode() != SearchMode.KEYWORD) {
            validator.validateQueryVector(request.vector(), request.mode());
        }
        Query filter = queries.filter(request.filter());
        return withSearcher(searcher -> switch (request.mode()) {
            case VECTOR -> {
                ScoreDoc[] found = byVector(searcher, request.vector(), request.candidates(), filter);
                List<SearchHit> hits = new ArrayList<>();
                for (int i = 0; i < found.length && i < request.k(); i++) {
                    hits.add(new SearchHit(load(searcher, found[i].doc), found[i].score, i + 1, null));
                }
                yield hits;
            }
            case KEYWORD -> {
                ScoreDoc[] found = byKeyword(searcher, request.text(), request.k(), filter);
                List<SearchHit> hits = new ArrayList<>();
                for (int i = 0; i < found.length; i++) {
                    hits.add(new SearchHit(load(searcher, found[i].doc), found[i].score, null, i + 1));
                }
                yield hits;
            }
            case HYBRID -> {
                // Fuse on document numbers (valid within this one searcher), then read only the chunks kept.
                List<ReciprocalRankFusion.Fused<Integer>> fused = fusion.fuse(
                        docs(byVector(searcher, request.vector(), request.candidates(), filter)),
                        docs(byKeyword(searcher, request.text(), request.candidates(), filter)),
                        request.k());
                List<SearchHit> hits = new ArrayList<>(fused.size());
                for (ReciprocalRankFusion.Fused<Integer> result : fused) {
                    hits.add(new SearchHit(load(searcher, result.key()), result.score(), result.vectorRank(),
                            result.keywordRank()));
                }
                yield hits;
            }
        });
    }

    /**
     * The {@code candidates} nearest chunks among those the filter allows, best first. The filter goes into the
     * graph search itself (Lucene falls back to an exact scan when it is very selective), so filtering never
     * empties a result that has matching chunks.
     */
    private static ScoreDoc[] byVector(IndexSearcher searcher, float[] vector, int candidates, Query filter)
            throws IOException {
        Query query = new KnnFloatVectorQuery(ChunkDocuments.VECTOR, vector, candidates, filter);
        return searcher.search(query, candidates).scoreDocs;
    }

    /** The best {@code limit} chunks by BM25, best first; none when the text has no searchable word. */
    private ScoreDoc[] byKeyword(IndexSearcher searcher, String text, int limit, Query filter) throws IOException {
        Query keyword = queries.keyword(text);
        if (keyword == null) {
            return new ScoreDoc[0];
        }
        Query query = keyword;
        if (filter != null) {
            query = new BooleanQuery.Builder()
                    .add(keyword, BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .build();
        }
        return searcher.search(query, limit).scoreDocs;
    }

    private static List<Integer> docs(ScoreDoc[] found) {
        List<Integer> docs = new ArrayList<>(found.length);
        for (ScoreDoc hit : found) {
            docs.add(hit.doc);
        }
        return docs;
    }

    private static StoredChunk load(IndexSearcher searcher, int doc) throws IOException {
        return ChunkDocuments.fromDocument(searcher.storedFields().document(doc));
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        ensureOpen();
        IndexSearcher searcher;
        try {
            if (writer == null) {
                // Read-only: pick up what the writing process committed since the last search. Non-blocking; if
                // another thread is refreshing, this search uses the current view.
                searchers.maybeRefresh();
            }
            searcher = searchers.acquire();
        } catch (AlreadyClosedException e) {
            throw new IllegalStateException("the store at " + path + " is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the searcher of the store at " + path, e);
        }
        try {
            return work.run(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("search in the store at " + path + " failed", e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                LOG.warn("could not release a searcher of the store at {}: {}", path, e.toString());
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + path + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (writer == null) {
            throw new UnsupportedOperationException("the store at " + path + " was opened read-only");
        }
    }

    /** Commits what is pending and releases the folder. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The searcher first: the writer's close must not race a refresh. The writer commits as it closes.
            IOUtils.close(searchers, writer, directory, analyzer);
            LOG.info("closed store at {}", path);
        } catch (IOException e) {
            throw new UncheckedIOException("closing the store at " + path + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "LuceneVectorStore[" + path + (writer == null ? ", read-only]" : "]");
    }

    @FunctionalInterface
    private interface IndexChange {
        /** Makes the change; returns its sequence number. */
        long apply() throws IOException;
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }
}
