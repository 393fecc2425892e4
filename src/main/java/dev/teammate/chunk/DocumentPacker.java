package dev.teammate.chunk;

import dev.teammate.extract.Segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs the paragraphs of a document into chunks; see {@link Chunker} for the rules. One instance per document.
 */
final class DocumentPacker {

    /** A paragraph, counted once; its sentences are only split and counted when a chunk needs them. */
    private static final class Paragraph {
        final String text;
        final int tokens;
        List<TextPiece> sentences;

        Paragraph(String text, int tokens) {
            this.text = text;
            this.tokens = tokens;
        }
    }

    /** Part of a chunk: a whole paragraph or one of its sentences. */
    private record Entry(Paragraph paragraph, String text, int tokens, String joiner, boolean whole) {
    }

    private static final int HEADING_TOKENS = 24;

    private final PieceSplitter splitter;
    private final int target;
    private final int max;
    private final int overlap;
    private final int partLimit;
    private final int small;

    private final List<Chunk> chunks = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private int tokens;
    private int overlapEntries;
    private int contentTokens;

    DocumentPacker(PieceSplitter splitter, int target, int max, int overlap, int partLimit) {
        this.splitter = splitter;
        this.target = target;
        this.max = max;
        this.overlap = overlap;
        this.partLimit = partLimit;
        this.small = target / 4;
    }

    List<Chunk> pack(List<Segment> segments) {
        for (Segment segment : segments) {
            String text = segment.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            // A paragraph too long to count whole is certainly too long to place whole.
            int count = text.length() > PieceSplitter.LONG_CHARS ? Integer.MAX_VALUE : splitter.count(text);
            place(new Paragraph(text, count));
        }
        flush(Integer.MAX_VALUE);
        return chunks;
    }

    private void place(Paragraph paragraph) {
        int p = paragraph.tokens;
        if (p <= max) {
            Entry whole = new Entry(paragraph, paragraph.text, p, "\n\n", true);
            if (tokens + p <= target || (contentTokens < small && tokens + p <= max)) {
                add(whole);
                return;
            }
            if (contentTokens >= small || !hasContent()) {
                flush(p);
                trimOverlapFor(p);
                add(whole);
                return;
            }
            // Only a little content so far (typically a heading): keep it with the start of this paragraph.
        }
        for (TextPiece sentence : sentences(paragraph)) {
            Entry entry = new Entry(paragraph, sentence.text(), sentence.tokens(), sentence.joiner(), false);
            if (tokens + entry.tokens <= target || (contentTokens < small && tokens + entry.tokens <= max)) {
                add(entry);
                continue;
            }
            flush(entry.tokens);
            trimOverlapFor(entry.tokens);
            add(entry);
        }
    }

    private List<TextPiece> sentences(Paragraph paragraph) {
        if (paragraph.sentences == null) {
            paragraph.sentences = splitter.sentences(paragraph.text, max, partLimit);
        }
        return paragraph.sentences;
    }

    private void add(Entry entry) {
        entries.add(entry);
        tokens += entry.tokens;
        contentTokens += entry.tokens;
    }

    private boolean hasContent() {
        return entries.size() > overlapEntries;
    }

    /** Drops sentences carried over from the previous chunk until {@code incoming} more word pieces fit. */
    private void trimOverlapFor(int incoming) {
        while (overlapEntries > 0 && tokens + incoming > max) {
            tokens -= entries.remove(0).tokens;
            overlapEntries--;
        }
    }

    /**
     * Emits the chunk being built, if it has anything new, and starts the next one with the overlap. A heading at the
     * end of the chunk is moved to the next one, where the text it introduces is, if it fits there with the
     * {@code incoming} word pieces about to be added.
     */
    private void flush(int incoming) {
        if (!hasContent()) {
            return;
        }
        Entry heading = null;
        Entry last = entries.get(entries.size() - 1);
        if (entries.size() - overlapEntries > 1 && isHeading(last) && (long) last.tokens + incoming <= max) {
            heading = entries.remove(entries.size() - 1);
            tokens -= heading.tokens;
        }
        chunks.add(new Chunk(chunks.size(), render(), tokens, null, null));

        List<Entry> tail = overlapTail();
        entries.clear();
        entries.addAll(tail);
        tokens = tail.stream().mapToInt(Entry::tokens).sum();
        overlapEntries = tail.size();
        contentTokens = 0;
        if (heading != null) {
            add(heading);
        }
    }

    /** A short single line without closing punctuation, standing as a paragraph of its own: a title or heading. */
    private static boolean isHeading(Entry entry) {
        if (!entry.whole || entry.tokens > HEADING_TOKENS || entry.text.indexOf('\n') >= 0) {
            return false;
        }
        char end = entry.text.charAt(entry.text.length() - 1);
        return entry.text.startsWith("#") || ".!?…:;,\"'”".indexOf(end) < 0;
    }

    /** The trailing whole sentences of the chunk that fit in the overlap budget, in order. */
    private List<Entry> overlapTail() {
        List<Entry> tail = new ArrayList<>();
        int used = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            List<Entry> units = new ArrayList<>();
            if (entry.whole) {
                for (TextPiece s : sentences(entry.paragraph)) {
                    units.add(new Entry(entry.paragraph, s.text(), s.tokens(), s.joiner(), false));
                }
            } else {
                units.add(entry);
            }
            for (int j = units.size() - 1; j >= 0; j--) {
                Entry unit = units.get(j);
                if (used + unit.tokens > overlap) {
                    return tail;
                }
                tail.add(0, unit);
                used += unit.tokens;
            }
        }
        return tail;
    }

    private String render() {
        StringBuilder text = new StringBuilder();
        Entry previous = null;
        for (Entry entry : entries) {
            if (previous != null) {
                text.append(previous.paragraph == entry.paragraph ? entry.joiner : "\n\n");
            }
            text.append(entry.text);
            previous = entry;
        }
        return text.toString();
    }
}
