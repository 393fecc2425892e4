package dev.teammate.index;

import dev.teammate.chunk.Chunk;
import dev.teammate.chunk.Chunker;
import dev.teammate.extract.ExtractedText;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.Ledger;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.langchain4j.embeddings.LangChain4jEmbeddingsHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The steps of {@code routes/index.yaml}: cut an item's text into chunks, collect the embeddings the
 * {@code langchain4j-embeddings} endpoint produces, and make the store and the ledger hold exactly this version of
 * the item.
 *
 * <p>Order matters for exact re-sync: the store is written (and committed) first, the ledger last. A crash in
 * between leaves the ledger at the old version, so the item is processed again and the store converges; chunk ids are
 * deterministic, so doing it twice writes the same chunks.
 */
public class IndexSteps {

    /** Exchange property holding the {@link IndexBatch} of the item being indexed. */
    public static final String BATCH = "teammateBatch";

    private static final Logger LOG = LoggerFactory.getLogger(IndexSteps.class);
    private static final int PROGRESS_MIN_CHUNKS = 50;

    private final Chunker chunker;
    private final VectorStore store;
    private final Ledger ledger;

    public IndexSteps(Chunker chunker, VectorStore store, Ledger ledger) {
        this.chunker = chunker;
        this.store = store;
        this.ledger = ledger;
    }

    /**
     * Cuts the extracted text into chunks; the batch becomes the body and an exchange property. The text stays on
     * the exchange too, for the stages after indexing (summaries).
     */
    public IndexBatch chunk(Exchange exchange) throws InvalidPayloadException {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        ExtractedText text = exchange.getMessage().getMandatoryBody(ExtractedText.class);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(item.title() + ": no text found");
        }
        exchange.setProperty(ItemExchange.TEXT, text);
        List<Chunk> chunks = chunker.chunk(text);
        IndexBatch batch = new IndexBatch(item, chunks);
        exchange.setProperty(BATCH, batch);
        if (chunks.size() >= PROGRESS_MIN_CHUNKS) {
            LOG.info("Embedding {}: {} chunks", item.id(), chunks.size());
        }
        return batch;
    }

    /** Takes the embedding of one chunk (run once per chunk, possibly on several threads at once). */
    public void collect(Exchange exchange) {
        IndexBatch batch = exchange.getProperty(BATCH, IndexBatch.class);
        int position = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        float[] vector = exchange.getMessage().getHeader(LangChain4jEmbeddingsHeaders.VECTOR, float[].class);
        int done = batch.accept(position, vector);
        int total = batch.size();
        if (total >= PROGRESS_MIN_CHUNKS && isProgressStep(done, total)) {
            double seconds = batch.elapsedNanos() / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            LOG.info(String.format(Locale.ROOT, "Embedding %s: %d/%d chunks (%d%%), %.1f chunks/s, %.0f s left",
                    batch.item().id(), done, total, done * 100 / total, rate, (total - done) / rate));
        }
    }

    /** Makes the store and the ledger hold exactly this version of the item. */
    public void store(Exchange exchange) {
        IndexBatch batch = exchange.getProperty(BATCH, IndexBatch.class);
        Item item = batch.item();
        List<StoredChunk> chunks = new ArrayList<>(batch.size());
        for (Chunk chunk : batch.getChunks()) {
            chunks.add(new StoredChunk(item.chunkId(chunk.position()), item.id(), item.source(), item.title(),
                    item.link(), chunk.position(), chunk.text(), item.time().toEpochMilli(), chunk.startSeconds(),
                    chunk.endSeconds(), batch.vector(chunk.position())));
        }

        store.replaceItem(item.id(), chunks);
        ledger.recordIndexed(item, chunks.stream().map(StoredChunk::id).toList());

        double seconds = batch.elapsedNanos() / 1e9;
        LOG.info(String.format(Locale.ROOT, "Indexed %s: %d chunks, %d tokens in %.1f s", item.id(), chunks.size(),
                batch.totalTokens(), seconds));
    }

    /**
     * Removes an item everywhere, with what the hub made of it (its summary, {@code summary:<id>}); returns false
     * when the hub did not know it.
     */
    public boolean remove(String itemId) {
        String summaryId = "summary:" + itemId;
        if (ledger.find(summaryId).isPresent() || !store.chunkIds(summaryId).isEmpty()) {
            remove(summaryId);
        }
        boolean known = ledger.find(itemId).isPresent();
        int chunks = store.chunkIds(itemId).size();
        store.removeItem(itemId);
        ledger.remove(itemId);
        if (known || chunks > 0) {
            LOG.info("Removed {} ({} chunks)", itemId, chunks);
            return true;
        }
        LOG.info("Nothing to remove for {}: the hub does not know it", itemId);
        return false;
    }

    /** Removes the item named by the {@value ItemExchange#ITEM_ID} header. */
    public void removeNamed(Exchange exchange) {
        remove(exchange.getMessage().getHeader(ItemExchange.ITEM_ID, String.class));
    }

    private static boolean isProgressStep(int done, int total) {
        int step = Math.max(1, total / 10);
        return done % step == 0 || done == total;
    }
}
