package dev.teammate.store.lucene;

import dev.teammate.store.StoredChunk;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Maps a {@link StoredChunk} to the Lucene document that holds it, and back. The field names here are the index's
 * on-disk schema: renaming one makes existing stores unreadable.
 */
final class ChunkDocuments {

    static final String ID = "id";
    static final String ITEM_ID = "itemId";
    static final String SOURCE = "source";
    static final String TITLE = "title";
    static final String LINK = "link";
    static final String POSITION = "position";
    /** The chunk's text, stored, and analyzed as English prose (stemmed, stop words removed). */
    static final String TEXT = "text";
    /** The same text again, not stored, keeping identifiers such as {@code PAY-1432} whole. */
    static final String TEXT_IDENTIFIERS = "textIdentifiers";
    static final String TIME = "time";
    static final String START_SECONDS = "startSeconds";
    static final String END_SECONDS = "endSeconds";
    static final String VECTOR = "vector";

    private ChunkDocuments() {
    }

    static Document toDocument(StoredChunk chunk) {
        Document doc = new Document();
        doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
        doc.add(new StringField(ITEM_ID, chunk.itemId(), Field.Store.YES));
        doc.add(new StringField(SOURCE, chunk.source(), Field.Store.YES));
        if (chunk.title() != null) {
            doc.add(new StoredField(TITLE, chunk.title()));
        }
        if (chunk.link() != null) {
            doc.add(new StoredField(LINK, chunk.link()));
        }
        doc.add(new StoredField(POSITION, chunk.position()));
        doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        doc.add(new TextField(TEXT_IDENTIFIERS, chunk.text(), Field.Store.NO));
        doc.add(new LongPoint(TIME, chunk.time()));
        doc.add(new StoredField(TIME, chunk.time()));
        if (chunk.startSeconds() != null) {
            doc.add(new StoredField(START_SECONDS, chunk.startSeconds()));
        }
        if (chunk.endSeconds() != null) {
            doc.add(new StoredField(END_SECONDS, chunk.endSeconds()));
        }
        // The vector lives only in the HNSW graph's vector data; results come back without it, so a stored copy
        // would double the vector bytes on disk for nothing.
        doc.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
        return doc;
    }

    /** The chunk a stored document describes, without its vector. */
    static StoredChunk fromDocument(Document doc) {
        return new StoredChunk(
                doc.get(ID),
                doc.get(ITEM_ID),
                doc.get(SOURCE),
                doc.get(TITLE),
                doc.get(LINK),
                doc.getField(POSITION).numericValue().intValue(),
                doc.get(TEXT),
                doc.getField(TIME).numericValue().longValue(),
                optionalDouble(doc, START_SECONDS),
                optionalDouble(doc, END_SECONDS),
                null);
    }

    private static Double optionalDouble(Document doc, String field) {
        IndexableField value = doc.getField(field);
        return value == null ? null : value.numericValue().doubleValue();
    }
}
