package dev.teammate.chunk;

import dev.teammate.extract.Segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Packs the timed segments of a transcript into chunks of speaker turns; see {@link Chunker} for the rules. One
 * instance per transcript.
 */
final class TranscriptPacker {

    /** Pauses longer than this start a new turn even when the speaker stays the same, so the next time is shown. */
    private static final double TURN_GAP_SECONDS = 10.0;

    /**
     * A segment, or a sentence of a segment too long for one chunk.
     *
     * @param labelTokens word pieces of {@code "[00:41:07] Alice:"}, paid by the cue that starts a turn
     */
    private record Cue(String text, int tokens, String speaker, Double start, Double end, String label,
                       int labelTokens) {
    }

    /** How a list of cues lays out as turns. */
    private record Layout(int tokens, int lastTurnTokens, boolean[] turnStarts) {
    }

    private final PieceSplitter splitter;
    private final int target;
    private final int max;
    private final int overlap;
    private final int partLimit;
    private final int small;
    private final int turnCap;
    private final Map<String, Integer> labelCounts = new HashMap<>();

    private final List<Chunk> chunks = new ArrayList<>();
    private final List<Cue> cues = new ArrayList<>();
    private int tokens;
    private int lastTurnTokens;
    private int overlapCues;
    private int contentTokens;

    TranscriptPacker(PieceSplitter splitter, int target, int max, int overlap, int partLimit, int turnCap) {
        this.splitter = splitter;
        this.target = target;
        this.max = max;
        this.overlap = overlap;
        this.partLimit = partLimit;
        this.small = target / 4;
        this.turnCap = turnCap;
    }

    List<Chunk> pack(List<Segment> segments) {
        for (Segment segment : segments) {
            for (Cue cue : cues(segment)) {
                place(cue);
            }
        }
        flush();
        return chunks;
    }

    private List<Cue> cues(Segment segment) {
        String text = segment.text().strip();
        if (text.isEmpty()) {
            return List.of();
        }
        String speaker = segment.speaker() == null || segment.speaker().isBlank() ? null : segment.speaker().strip();
        String time = segment.startSeconds() == null ? null : clock(segment.startSeconds());
        String label = time == null ? (speaker == null ? "" : speaker + ":")
                : speaker == null ? time : time + " " + speaker + ":";
        int labelTokens = (time == null ? 0 : labelCount(time)) + (speaker == null ? 0 : labelCount(speaker + ":"));

        int room = max - labelTokens;
        int count = text.length() > PieceSplitter.LONG_CHARS ? Integer.MAX_VALUE : splitter.count(text);
        if (count <= room) {
            return List.of(new Cue(text, count, speaker, segment.startSeconds(), segment.endSeconds(), label,
                    labelTokens));
        }
        // A monologue longer than a chunk: its sentences keep the segment's speaker and times.
        List<Cue> parts = new ArrayList<>();
        for (TextPiece piece : splitter.sentences(text, room, Math.min(partLimit, room))) {
            parts.add(new Cue(piece.text(), piece.tokens(), speaker, segment.startSeconds(), segment.endSeconds(),
                    label, labelTokens));
        }
        return parts;
    }

    private int labelCount(String part) {
        return labelCounts.computeIfAbsent(part, splitter::count);
    }

    private void place(Cue cue) {
        Cue last = cues.isEmpty() ? null : cues.get(cues.size() - 1);
        int cost = continues(last, cue, lastTurnTokens) ? cue.tokens : cue.labelTokens + cue.tokens;
        if (tokens + cost <= target || (contentTokens < small && tokens + cost <= max)) {
            add(cue);
            return;
        }
        flush();
        while (overlapCues > 0 && layout(withNext(cue)).tokens > max) {
            cues.remove(0);
            overlapCues--;
        }
        Layout layout = layout(cues);
        tokens = layout.tokens;
        lastTurnTokens = layout.lastTurnTokens;
        add(cue);
    }

    private List<Cue> withNext(Cue cue) {
        List<Cue> list = new ArrayList<>(cues);
        list.add(cue);
        return list;
    }

    private boolean continues(Cue previous, Cue next, int turnTokens) {
        if (previous == null || !Objects.equals(previous.speaker, next.speaker) || turnTokens + next.tokens > turnCap) {
            return false;
        }
        return previous.end == null || next.start == null || next.start - previous.end <= TURN_GAP_SECONDS;
    }

    private void add(Cue cue) {
        Cue last = cues.isEmpty() ? null : cues.get(cues.size() - 1);
        int before = tokens;
        if (continues(last, cue, lastTurnTokens)) {
            lastTurnTokens += cue.tokens;
            tokens += cue.tokens;
        } else {
            lastTurnTokens = cue.tokens;
            tokens += cue.labelTokens + cue.tokens;
        }
        contentTokens += tokens - before;
        cues.add(cue);
    }

    private Layout layout(List<Cue> list) {
        boolean[] starts = new boolean[list.size()];
        int total = 0;
        int turn = 0;
        for (int i = 0; i < list.size(); i++) {
            Cue cue = list.get(i);
            if (i > 0 && continues(list.get(i - 1), cue, turn)) {
                turn += cue.tokens;
                total += cue.tokens;
            } else {
                starts[i] = true;
                turn = cue.tokens;
                total += cue.labelTokens + cue.tokens;
            }
        }
        return new Layout(total, turn, starts);
    }

    private void flush() {
        if (cues.size() <= overlapCues) {
            return;
        }
        Layout layout = layout(cues);
        StringBuilder text = new StringBuilder();
        Double start = null;
        Double end = null;
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            if (layout.turnStarts[i]) {
                if (i > 0) {
                    text.append('\n');
                }
                if (!cue.label.isEmpty()) {
                    text.append(cue.label).append(' ');
                }
            } else {
                text.append(' ');
            }
            text.append(cue.text);
            if (start == null) {
                start = cue.start;
            }
            if (cue.end != null && (end == null || cue.end > end)) {
                end = cue.end;
            }
        }
        chunks.add(new Chunk(chunks.size(), text.toString(), layout.tokens, start, end));

        List<Cue> tail = overlapTail();
        cues.clear();
        cues.addAll(tail);
        Layout carried = layout(cues);
        tokens = carried.tokens;
        lastTurnTokens = carried.lastTurnTokens;
        overlapCues = cues.size();
        contentTokens = 0;
    }

    /** The trailing whole cues of the chunk whose rendering, labels included, fits in the overlap budget. */
    private List<Cue> overlapTail() {
        List<Cue> tail = new ArrayList<>();
        for (int i = cues.size() - 1; i >= 0; i--) {
            tail.add(0, cues.get(i));
            if (layout(tail).tokens > overlap) {
                tail.remove(0);
                break;
            }
        }
        return tail;
    }

    /** {@code [HH:MM:SS]} of a time in seconds, rounded down. */
    static String clock(double seconds) {
        long whole = (long) Math.floor(Math.max(0, seconds));
        return String.format(Locale.ROOT, "[%02d:%02d:%02d]", whole / 3600, whole / 60 % 60, whole % 60);
    }
}
