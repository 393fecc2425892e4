package dev.teammate.slack.post;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts mrkdwn text into pieces of at most a given length, where a reader would: between paragraphs first, then
 * between lines, then between words; only a single word longer than a piece is cut inside. A code block cut in two
 * is closed at the end of the first piece and opened again at the start of the next, so both still show as code.
 * Nothing is dropped: the pieces joined by white space hold every word of the text, in order.
 */
public final class MrkdwnSplitter {

    private static final String FENCE = "```";
    // Room for the fence lines added around each piece of a cut code block.
    private static final int FENCE_ROOM = 2 * (FENCE.length() + 1);

    private final int limit;

    /** @param limit most characters in one piece; Slack takes 3000 in a section block's text */
    public MrkdwnSplitter(int limit) {
        if (limit < 100) {
            throw new IllegalArgumentException("a piece must hold at least 100 characters, not " + limit);
        }
        this.limit = limit;
    }

    public List<String> split(String text) {
        Packer pieces = new Packer(limit, "\n\n");
        for (String paragraph : paragraphs(text)) {
            if (paragraph.length() <= limit) {
                pieces.add(paragraph);
            } else if (paragraph.startsWith(FENCE)) {
                splitCode(paragraph, pieces);
            } else {
                splitLines(paragraph, limit).forEach(pieces::add);
            }
        }
        return pieces.done();
    }

    /** Paragraphs are separated by blank lines; a fenced code block is one paragraph, blank lines and all. */
    private static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inFence = false;
        for (String line : text.strip().split("\n", -1)) {
            boolean fence = line.strip().startsWith(FENCE);
            if (fence && !inFence && current.length() > 0) {
                paragraphs.add(current.toString());
                current.setLength(0);
            }
            if (!inFence && !fence && line.isBlank()) {
                if (current.length() > 0) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
            if (fence) {
                inFence = !inFence;
                if (!inFence) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
            }
        }
        if (current.length() > 0) {
            paragraphs.add(current.toString());
        }
        return paragraphs;
    }

    private void splitCode(String block, Packer pieces) {
        List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
        lines.remove(0);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).strip().equals(FENCE)) {
            lines.remove(lines.size() - 1);
        }
        for (String piece : splitLines(String.join("\n", lines), limit - FENCE_ROOM)) {
            pieces.add(FENCE + "\n" + piece + "\n" + FENCE);
        }
    }

    private static List<String> splitLines(String paragraph, int limit) {
        Packer pieces = new Packer(limit, "\n");
        for (String line : paragraph.split("\n", -1)) {
            if (line.length() <= limit) {
                pieces.add(line);
            } else {
                splitWords(line, limit).forEach(pieces::add);
            }
        }
        return pieces.done();
    }

    private static List<String> splitWords(String line, int limit) {
        Packer pieces = new Packer(limit, " ");
        for (String word : line.split(" ")) {
            for (int at = 0; at < word.length(); at += limit) {
                pieces.add(word.substring(at, Math.min(word.length(), at + limit)));
            }
        }
        return pieces.done();
    }

    /** Puts units one after the other, with a separator, into pieces no longer than the limit. */
    private static final class Packer {

        private final int limit;
        private final String separator;
        private final List<String> pieces = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();

        Packer(int limit, String separator) {
            this.limit = limit;
            this.separator = separator;
        }

        void add(String unit) {
            if (current.length() > 0 && current.length() + separator.length() + unit.length() > limit) {
                flush();
            }
            if (current.length() > 0) {
                current.append(separator);
            }
            current.append(unit);
        }

        List<String> done() {
            flush();
            return pieces;
        }

        private void flush() {
            if (!current.isEmpty() && !current.toString().isBlank()) {
                pieces.add(current.toString());
            }
            current.setLength(0);
        }
    }
}
