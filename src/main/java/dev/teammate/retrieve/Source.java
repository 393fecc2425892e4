package dev.teammate.retrieve;

import dev.teammate.extract.Timestamps;
import dev.teammate.store.StoredChunk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieved chunk as a prompt numbers it: the model cites it as {@code [number]}, and the answer's list of
 * citations shows where it came from.
 */
public record Source(int number, StoredChunk chunk) {

    /** Where the chunk starts in its recording ({@code 00:41:07}), or {@code null} when it is not from one. */
    public String start() {
        return chunk.startSeconds() == null ? null : Timestamps.clock(chunk.startSeconds());
    }

    /** The citation as the API and the outbox show it. */
    public Map<String, Object> describe() {
        Map<String, Object> citation = new LinkedHashMap<>();
        citation.put("n", number);
        citation.put("title", chunk.title());
        citation.put("link", chunk.link());
        citation.put("item_id", chunk.itemId());
        citation.put("source", chunk.source());
        citation.put("time", Instant.ofEpochMilli(chunk.time()).toString());
        if (start() != null) {
            citation.put("start", start());
        }
        citation.put("chunk_id", chunk.id());
        return citation;
    }

    /** The citations of these sources, in their order. */
    public static List<Map<String, Object>> describeAll(List<Source> sources) {
        return sources.stream().map(Source::describe).toList();
    }

    /** One line for a list of sources in Markdown: {@code [2] Weekly sync, 00:41:07 (link)}. */
    public String markdownLine() {
        StringBuilder line = new StringBuilder("[").append(number).append("] ");
        String title = chunk.title() == null || chunk.title().isBlank() ? chunk.itemId() : chunk.title();
        if (chunk.link() != null && !chunk.link().isBlank()) {
            line.append('[').append(title.replace("]", ")")).append("](").append(chunk.link()).append(')');
        } else {
            line.append(title);
        }
        if (start() != null) {
            line.append(", at ").append(start());
        }
        line.append(" (").append(chunk.itemId()).append(')');
        return line.toString();
    }
}
