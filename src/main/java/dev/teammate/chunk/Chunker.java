package dev.teammate.chunk;

import dev.teammate.embed.MiniLmTokenizer;
import dev.teammate.extract.ExtractedText;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Cuts extracted text into chunks that the embedding model sees whole, measured in all-MiniLM-L6-v2 word pieces.
 *
 * <p><b>Documents.</b> Whole paragraphs are packed until the next one would pass the target size. A paragraph that
 * does not fit starts the next chunk, and may take that chunk up to the hard maximum; only a paragraph longer than
 * the maximum is cut, at sentence ends, then at word ends for a sentence longer than the maximum, then between
 * characters for a single enormous "word". When a chunk so far holds little (under a quarter of the target, usually a
 * heading) it is not closed early: the next paragraph's first sentences join it, so a heading never stands alone.
 *
 * <p><b>Transcripts.</b> Segments (cues) are packed the same way. Consecutive cues of one speaker form a turn, shown
 * once as {@code [00:41:07] Alice: text text}; a turn ends when the speaker changes, after a pause of more than ten
 * seconds, or at a quarter of the target size, so that a time mark appears about every half minute of speech. A chunk
 * starts at its first cue's start and ends at its last cue's end. A segment longer than the maximum is cut at
 * sentences, each part keeping the segment's speaker and times.
 *
 * <p><b>Overlap.</b> Each chunk after the first starts with the trailing whole sentences (cues, for transcripts) of
 * the previous chunk that fit in the overlap budget; when the last sentence alone is larger than the budget there is
 * no overlap, rather than half a sentence.
 *
 * <p>The maximum is never exceeded: every piece is counted once with the tokenizer, and since BERT word pieces never
 * cross whitespace, the sum of the pieces' counts is the exact count of the chunk. Output depends only on the input.
 * Instances are thread-safe.
 */
public class Chunker {

    public static final int DEFAULT_TARGET_TOKENS = 320;
    public static final int DEFAULT_MAX_TOKENS = 400;
    public static final int DEFAULT_OVERLAP_TOKENS = 48;

    private static final Logger LOG = LoggerFactory.getLogger(Chunker.class);

    private final ToIntFunction<String> counter;
    private final int targetTokens;
    private final int maxTokens;
    private final int overlapTokens;

    /** A chunker with the defaults: target 320, maximum 400, overlap 48 word pieces. */
    public Chunker(MiniLmTokenizer tokenizer) {
        this(tokenizer, DEFAULT_TARGET_TOKENS, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
    }

    /**
     * @param tokenizer     counts MiniLM word pieces
     * @param targetTokens  chunks are filled up to about this many word pieces
     * @param maxTokens     no chunk is longer than this; keep it within what the embedding model reads (510)
     * @param overlapTokens at most this many word pieces of a chunk are repeated at the start of the next; 0 for none
     */
    public Chunker(MiniLmTokenizer tokenizer, int targetTokens, int maxTokens, int overlapTokens) {
        this(tokenizer::count, targetTokens, maxTokens, overlapTokens);
    }

    Chunker(ToIntFunction<String> counter, int targetTokens, int maxTokens, int overlapTokens) {
        if (targetTokens < 16 || maxTokens < targetTokens) {
            throw new IllegalArgumentException("chunk sizes need 16 <= target <= max, got target " + targetTokens
                    + " and max " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= targetTokens) {
            throw new IllegalArgumentException("chunk overlap must be between 0 and the target (" + targetTokens
                    + "), got " + overlapTokens);
        }
        this.counter = counter;
        this.targetTokens = targetTokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /** The chunks of {@code text}, positions 0 to n-1; an empty list for empty text. */
    public List<Chunk> chunk(ExtractedText text) {
        if (text.isEmpty()) {
            return List.of();
        }
        PieceSplitter splitter = new PieceSplitter(counter);
        // Parts of over-long sentences are cut no larger than the overlap, so that they can carry over as overlap.
        int partLimit = overlapTokens >= 8 ? Math.min(overlapTokens, maxTokens) : Math.min(64, maxTokens);
        List<Chunk> chunks = text.transcript()
                ? new TranscriptPacker(splitter, targetTokens, maxTokens, overlapTokens, partLimit,
                        Math.max(16, targetTokens / 4)).pack(text.segments())
                : new DocumentPacker(splitter, targetTokens, maxTokens, overlapTokens, partLimit)
                        .pack(text.segments());
        LOG.debug("chunked {} segments ({} characters) into {} chunks", text.segments().size(), text.characters(),
                chunks.size());
        return chunks;
    }
}
