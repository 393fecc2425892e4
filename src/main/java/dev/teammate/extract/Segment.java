package dev.teammate.extract;

/**
 * A piece of extracted text with its place in time, when it has one: a paragraph of a document, or one cue of a
 * transcript.
 *
 * @param text         the words, without markup
 * @param speaker      who said it, for transcripts that name speakers; else {@code null}
 * @param startSeconds where it starts in the recording, for transcripts; else {@code null}
 * @param endSeconds   where it ends in the recording, for transcripts; else {@code null}
 */
public record Segment(String text, String speaker, Double startSeconds, Double endSeconds) {

    public static Segment paragraph(String text) {
        return new Segment(text, null, null, null);
    }

    public boolean isTimed() {
        return startSeconds != null;
    }
}
