package dev.teammate.summarize;

import dev.teammate.extract.Segment;
import dev.teammate.extract.Timestamps;
import dev.teammate.summarize.MeetingSummary.ActionItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks every action item's evidence against the transcript: the quote must be there, word for word (case,
 * punctuation and spacing aside). A found quote gets the time of the cue it starts in, whatever time the model
 * gave; an item whose quote is not there is moved to the unverified list with the reason, so nobody takes an
 * invented commitment for a real one.
 */
final class EvidenceCheck {

    private final String words;
    /** For each character of {@link #words}, the index of the segment it came from. */
    private final int[] segmentAt;
    private final List<Segment> segments;

    EvidenceCheck(List<Segment> segments) {
        this.segments = segments;
        StringBuilder text = new StringBuilder();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String normalised = normalise(segments.get(i).text());
            if (normalised.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
                owners.add(i);
            }
            text.append(normalised);
            for (int c = 0; c < normalised.length(); c++) {
                owners.add(i);
            }
        }
        this.words = text.toString();
        this.segmentAt = owners.stream().mapToInt(Integer::intValue).toArray();
    }

    MeetingSummary check(MeetingSummary summary) {
        List<ActionItem> verified = new ArrayList<>();
        List<ActionItem> unverified = new ArrayList<>(summary.unverified());
        for (ActionItem item : summary.actions()) {
            String quote = normalise(item.quote() == null ? "" : item.quote());
            if (quote.isEmpty()) {
                unverified.add(item.withEvidence(item.time(), "no quote was given"));
                continue;
            }
            int at = find(quote);
            if (at < 0) {
                unverified.add(item.withEvidence(item.time(), "the quote is not in the transcript"));
                continue;
            }
            Segment segment = segments.get(segmentAt[at]);
            String time = segment.isTimed() ? Timestamps.clock(segment.startSeconds()) : null;
            verified.add(item.withEvidence(time, null));
        }
        return new MeetingSummary(summary.summary(), summary.speakers(), summary.decisions(), verified, unverified);
    }

    /** Where the quote starts in the transcript, on a word boundary, or -1. */
    private int find(String quote) {
        int from = 0;
        while (true) {
            int at = words.indexOf(quote, from);
            if (at < 0) {
                return -1;
            }
            boolean startsWord = at == 0 || words.charAt(at - 1) == ' ';
            int end = at + quote.length();
            boolean endsWord = end == words.length() || words.charAt(end) == ' ';
            if (startsWord && endsWord) {
                return at;
            }
            from = at + 1;
        }
    }

    /** Lower case, letters and digits only, single spaces: what stays when a quote is retyped. */
    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                space = false;
            } else if (c == '\'') {
                // "don't" and "dont" are the same words.
                continue;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int length = out.length();
        return length > 0 && out.charAt(length - 1) == ' ' ? out.substring(0, length - 1) : out.toString();
    }
}
