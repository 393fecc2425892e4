package dev.teammate.chunk;

/**
 * A piece of an item small enough to embed whole.
 *
 * @param position     0-based position within the item
 * @param text         the chunk's text; for transcripts each turn is prefixed with its speaker and time
 * @param tokens       its length in MiniLM word pieces (without the two special tokens)
 * @param startSeconds for transcripts: start of the first segment in the chunk, else {@code null}
 * @param endSeconds   for transcripts: end of the last segment in the chunk, else {@code null}
 */
public record Chunk(int position, String text, int tokens, Double startSeconds, Double endSeconds) {
}
