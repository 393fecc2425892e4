package dev.teammate.store;

/**
 * One chunk of an item as a store keeps it: the text, where it came from, and its embedding.
 *
 * @param id           unique and stable: {@code <itemId>#<version>#<position>}
 * @param itemId       the item this chunk belongs to ({@code file:notes/standup.md})
 * @param source       the kind of source: {@code file}, {@code drive}, {@code slack}
 * @param title        the item's title
 * @param link         where a person can open the item
 * @param position     0-based position of the chunk within its item
 * @param text         the chunk's text as shown to people and searched by keyword
 * @param time         the item's time (last modified, or when the meeting took place), epoch milliseconds
 * @param startSeconds for transcripts: where the chunk starts in the recording, else {@code null}
 * @param endSeconds   for transcripts: where the chunk ends in the recording, else {@code null}
 * @param vector       the embedding; may be {@code null} in search results
 */
public record StoredChunk(
        String id,
        String itemId,
        String source,
        String title,
        String link,
        int position,
        String text,
        long time,
        Double startSeconds,
        Double endSeconds,
        float[] vector) {

    public StoredChunk withoutVector() {
        return new StoredChunk(id, itemId, source, title, link, position, text, time, startSeconds, endSeconds, null);
    }
}
