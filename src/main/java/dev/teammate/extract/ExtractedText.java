package dev.teammate.extract;

import java.util.List;

/**
 * The text of one item, ready to be chunked.
 *
 * @param title      the document's own title when it states one, else {@code null}
 * @param segments   paragraphs (documents) or cues (transcripts), in reading order, none blank
 * @param transcript true when the segments are timed speech (VTT, SRT, or a whisper transcript)
 */
public record ExtractedText(String title, List<Segment> segments, boolean transcript) {

    public ExtractedText {
        segments = List.copyOf(segments);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    public int characters() {
        return segments.stream().mapToInt(s -> s.text().length()).sum();
    }
}
