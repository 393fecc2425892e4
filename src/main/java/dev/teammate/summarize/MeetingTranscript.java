package dev.teammate.summarize;

import dev.teammate.extract.Segment;
import dev.teammate.extract.Timestamps;

import java.util.ArrayList;
import java.util.List;

/**
 * A meeting's transcript as the summary stage reads it: one line per cue or speaker turn, {@code [00:41:07] Dana:
 * words}, so that the model can cite times and speakers and the evidence check can find its quotes.
 *
 * @param itemId   the meeting's item id
 * @param title    the meeting's title
 * @param segments the transcript's cues, in order
 */
public record MeetingTranscript(String itemId, String title, List<Segment> segments) {

    public MeetingTranscript {
        segments = List.copyOf(segments);
    }

    /** The transcript's lines, each a speaker turn or cue with its time. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            lines.add(line(segment));
        }
        return lines;
    }

    public String text() {
        return String.join("\n", lines());
    }

    static String line(Segment segment) {
        StringBuilder line = new StringBuilder();
        if (segment.isTimed()) {
            line.append('[').append(Timestamps.clock(segment.startSeconds())).append("] ");
        }
        if (segment.speaker() != null && !segment.speaker().isBlank()) {
            line.append(segment.speaker().strip()).append(": ");
        }
        return line.append(segment.text().strip()).toString();
    }
}
