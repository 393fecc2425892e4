package dev.teammate.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the caption files meeting tools let people download, WebVTT ({@code .vtt}) and SubRip ({@code .srt}), into
 * one {@link Segment} per cue with its speaker and times in seconds.
 *
 * <p>Speakers are taken from WebVTT voice tags ({@code <v Alice Smith>}, as Teams and Google Meet write them) or from
 * a {@code Name: text} prefix at the start of a cue line (as Zoom writes them, and many SRT files do). A cue holding
 * several voices or several prefixed lines becomes several segments with the cue's times. All other markup
 * ({@code <b>}, {@code <i>}, {@code <c.yellow>}, {@code <font>}, inline timestamps, {@code {\an8}}) is removed.
 *
 * <p>Cues are kept one segment each, not merged per speaker: the file's cue times are the finest positions known,
 * and the chunker groups consecutive cues of one speaker into a turn when it renders a chunk.
 *
 * <p>Known limit: the {@code Name:} convention is recognised by shape (one to five capitalised words of at most 50
 * characters, followed by a colon and a space), so a cue that starts with a label such as {@code "Note: ..."} is read
 * as spoken by "Note", and a lower-case user name such as {@code "jdoe: ..."} is not recognised.
 */
public class TranscriptParser {

    private static final String VTT_TIME = "(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})\\.(\\d{3})";
    private static final Pattern VTT_TIMING =
            Pattern.compile("^" + VTT_TIME + "[ \\t]+-->[ \\t]+" + VTT_TIME + "(?:[ \\t].*)?$");
    private static final String SRT_TIME = "(\\d{1,3}):(\\d{1,2}):(\\d{1,2})[,.](\\d{1,3})";
    private static final Pattern SRT_TIMING =
            Pattern.compile("^" + SRT_TIME + "[ \\t]*-->[ \\t]*" + SRT_TIME + "(?:[ \\t].*)?$");
    /** Something that was meant to be a cue timing but is not well formed. */
    private static final Pattern TIMING_ATTEMPT = Pattern.compile("^\\s*\\d+:\\d+[:.,\\d]*\\s*(-->|->|-|–|—)|-->");
    private static final Pattern SRT_INDEX = Pattern.compile("^\\d+$");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?[ \\t]+([^>]*)>");
    private static final Pattern VOICE_END = Pattern.compile("</v>");
    private static final Pattern TAG = Pattern.compile("<[^>\\n]*>|\\{\\\\[^}]*}");
    private static final String NAME_CHARS = "[\\p{L}\\p{M}\\p{N}.'’()_@&-]";
    private static final String NAME_PARTICLES = "(?:de|da|di|du|del|della|der|den|van|von|la|le|bin|al)";
    /**
     * {@code Alice Smith: text}, optionally after a dialogue dash: one to five words, each capitalised (or a number,
     * or a particle such as "de"), so that "So the plan: ship it" is not read as spoken by "So the plan".
     */
    private static final Pattern SPEAKER_PREFIX = Pattern.compile("^(?:-\\s*)?(\\p{Lu}" + NAME_CHARS + "*(?: (?:"
            + "[\\p{Lu}\\p{Lt}\\p{N}(]" + NAME_CHARS + "*|" + NAME_PARTICLES + ")){0,4}):\\s+(.*)$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Parses a WebVTT file's content; {@code fileName} is used in reasons. */
    public ExtractedText parseVtt(String content, String fileName) throws ExtractionException {
        String[] lines = lines(content);
        int i = 0;
        boolean header = lines.length > 0 && (lines[0].equals("WEBVTT") || lines[0].startsWith("WEBVTT ")
                || lines[0].startsWith("WEBVTT\t"));
        if (header) {
            // The header block (WEBVTT line plus metadata such as "Kind:" and "Language:") ends at a blank line.
            while (i < lines.length && !lines[i].isBlank()) {
                i++;
            }
        }

        List<Segment> segments = new ArrayList<>();
        Cue previous = null;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            int blockEnd = blockEnd(lines, i);
            i = blockEnd;
            String first = lines[blockStart];
            if (isVttMetaBlock(first)) {
                continue;
            }

            int timingLine = first.contains("-->") ? blockStart
                    : blockStart + 1 < blockEnd && lines[blockStart + 1].contains("-->") ? blockStart + 1 : -1;
            if (timingLine < 0) {
                previous = strayText(lines, blockStart, blockEnd, previous, segments, fileName, "VTT");
                continue;
            }
            Matcher timing = VTT_TIMING.matcher(lines[timingLine].strip());
            if (!timing.matches() || !validClock(timing)) {
                throw malformed(fileName, "VTT", timingLine, lines[timingLine],
                        "expected HH:MM:SS.mmm --> HH:MM:SS.mmm or MM:SS.mmm --> MM:SS.mmm");
            }
            double start = vttSeconds(timing, 1);
            double end = vttSeconds(timing, 5);
            previous = cue(lines, timingLine, blockEnd, start, end, segments, fileName, "VTT");
        }
        if (!header && segments.isEmpty()) {
            throw new ExtractionException(fileName, "cannot parse VTT: line 1: no WEBVTT header and no cues");
        }
        return new ExtractedText(null, segments, true);
    }

    /** Parses a SubRip file's content; {@code fileName} is used in reasons. */
    public ExtractedText parseSrt(String content, String fileName) throws ExtractionException {
        String[] lines = lines(content);
        List<Segment> segments = new ArrayList<>();
        Cue previous = null;
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            int blockEnd = blockEnd(lines, i);
            i = blockEnd;

            int timingLine;
            if (lines[blockStart].contains("-->")) {
                timingLine = blockStart;
            } else if (SRT_INDEX.matcher(lines[blockStart].strip()).matches()) {
                if (blockStart + 1 >= blockEnd) {
                    throw malformed(fileName, "SRT", blockStart, lines[blockStart],
                            "a cue number without a timing line");
                }
                timingLine = blockStart + 1;
            } else {
                previous = strayText(lines, blockStart, blockEnd, previous, segments, fileName, "SRT");
                continue;
            }
            Matcher timing = SRT_TIMING.matcher(lines[timingLine].strip());
            if (!timing.matches() || !validClock(timing)) {
                throw malformed(fileName, "SRT", timingLine, lines[timingLine],
                        "expected HH:MM:SS,mmm --> HH:MM:SS,mmm");
            }
            double start = srtSeconds(timing, 1);
            double end = srtSeconds(timing, 5);
            previous = cue(lines, timingLine, blockEnd, start, end, segments, fileName, "SRT");
        }
        return new ExtractedText(null, segments, true);
    }

    /** A cue already turned into segments, remembered so that text after a stray blank line can join it. */
    private record Cue(int firstSegment) {
    }

    private Cue cue(String[] lines, int timingLine, int blockEnd, double start, double end, List<Segment> segments,
                    String fileName, String format) throws ExtractionException {
        if (end < start) {
            throw malformed(fileName, format, timingLine, lines[timingLine], "the cue ends before it starts");
        }
        int first = segments.size();
        List<String> text = new ArrayList<>();
        for (int line = timingLine + 1; line < blockEnd; line++) {
            text.add(lines[line]);
        }
        segments.addAll(voices(text, start, end));
        return new Cue(first);
    }

    /**
     * A block with no timing. One that looks like a broken timing is an error; plain text after a cue is taken as
     * part of that cue (some exporters leave blank lines inside cue text); anything else is ignored.
     */
    private Cue strayText(String[] lines, int blockStart, int blockEnd, Cue previous, List<Segment> segments,
                          String fileName, String format) throws ExtractionException {
        for (int line = blockStart; line < Math.min(blockEnd, blockStart + 2); line++) {
            if (TIMING_ATTEMPT.matcher(lines[line]).find()) {
                throw malformed(fileName, format, line, lines[line], "expected a cue timing with -->");
            }
        }
        if (previous == null || previous.firstSegment() >= segments.size()) {
            return previous;
        }
        Segment last = segments.get(segments.size() - 1);
        List<String> text = new ArrayList<>();
        for (int line = blockStart; line < blockEnd; line++) {
            text.add(lines[line]);
        }
        for (Segment more : voices(text, last.startSeconds(), last.endSeconds())) {
            if (more.speaker() == null || more.speaker().equals(last.speaker())) {
                last = new Segment(last.text() + " " + more.text(), last.speaker(), last.startSeconds(),
                        last.endSeconds());
                segments.set(segments.size() - 1, last);
            } else {
                segments.add(more);
                last = more;
            }
        }
        return previous;
    }

    /** Splits cue text into one segment per voice: voice tags first, else {@code Name:} line prefixes. */
    private List<Segment> voices(List<String> lines, double start, double end) {
        String joined = String.join("\n", lines);
        List<Segment> result = new ArrayList<>();
        List<int[]> tags = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher voice = VOICE.matcher(joined);
        while (voice.find()) {
            tags.add(new int[] {voice.start(), voice.end()});
            names.add(SPACES.matcher(unescape(voice.group(1))).replaceAll(" ").strip());
        }
        if (!tags.isEmpty()) {
            add(result, joined.substring(0, tags.get(0)[0]), null, start, end);
            for (int k = 0; k < tags.size(); k++) {
                int textStart = tags.get(k)[1];
                int next = k + 1 < tags.size() ? tags.get(k + 1)[0] : joined.length();
                Matcher closing = VOICE_END.matcher(joined).region(textStart, next);
                int textEnd = closing.find() ? closing.start() : next;
                String name = names.get(k);
                result.add(new Segment("", name.isEmpty() ? null : name, start, end));
                add(result, joined.substring(textStart, textEnd), null, start, end);
                add(result, joined.substring(textEnd, next), null, start, end);
            }
            result.removeIf(segment -> segment.text().isEmpty());
            return result;
        }

        String speaker = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String cleaned = clean(line);
            Matcher prefix = SPEAKER_PREFIX.matcher(cleaned);
            if (prefix.matches() && prefix.group(1).length() <= 50) {
                add(result, text.toString(), speaker, start, end);
                text.setLength(0);
                speaker = prefix.group(1);
                cleaned = prefix.group(2);
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(cleaned);
        }
        add(result, text.toString(), speaker, start, end);
        return result;
    }

    private static void add(List<Segment> segments, String text, String speaker, double start, double end) {
        String cleaned = clean(text);
        if (cleaned.isEmpty()) {
            return;
        }
        // Text outside any voice tag next to voiced text is the same speaker's in practice (e.g. a line break
        // before </v>), so it joins the previous segment instead of standing alone without a speaker.
        if (speaker == null && !segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            String joined = last.text().isEmpty() ? cleaned : last.text() + " " + cleaned;
            segments.set(segments.size() - 1,
                    new Segment(joined, last.speaker(), last.startSeconds(), last.endSeconds()));
            return;
        }
        segments.add(new Segment(cleaned, speaker, start, end));
    }

    private static String clean(String text) {
        String withoutTags = TAG.matcher(text).replaceAll("");
        return SPACES.matcher(unescape(withoutTags)).replaceAll(" ").strip();
    }

    private static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&lrm;", "")
                .replace("&rlm;", "").replace("&quot;", "\"").replace("&apos;", "'").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static boolean isVttMetaBlock(String first) {
        for (String keyword : new String[] {"NOTE", "STYLE", "REGION"}) {
            if (first.equals(keyword) || first.startsWith(keyword + " ") || first.startsWith(keyword + "\t")) {
                return true;
            }
        }
        return false;
    }

    private static int blockEnd(String[] lines, int from) {
        int end = from;
        while (end < lines.length && !lines[end].isBlank()) {
            end++;
        }
        return end;
    }

    private static String[] lines(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.split("\\r\\n|\\r|\\n", -1);
    }

    /** Minutes and seconds of both times below 60; groups 2, 3, 6 and 7 hold them in both timing patterns. */
    private static boolean validClock(Matcher m) {
        for (int group : new int[] {2, 3, 6, 7}) {
            if (Integer.parseInt(m.group(group)) >= 60) {
                return false;
            }
        }
        return true;
    }

    private static double vttSeconds(Matcher m, int group) {
        long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        long minutes = Long.parseLong(m.group(group + 1));
        long seconds = Long.parseLong(m.group(group + 2));
        long millis = Long.parseLong(m.group(group + 3));
        return hours * 3600 + minutes * 60 + seconds + millis / 1000.0;
    }

    private static double srtSeconds(Matcher m, int group) {
        String fraction = m.group(group + 3);
        double millis = Long.parseLong(fraction) / Math.pow(10, fraction.length());
        return Long.parseLong(m.group(group)) * 3600 + Long.parseLong(m.group(group + 1)) * 60
                + Long.parseLong(m.group(group + 2)) + millis;
    }

    private static ExtractionException malformed(String fileName, String format, int index, String line,
                                                 String expected) {
        String shown = line.strip();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "…";
        }
        return new ExtractionException(fileName, "cannot parse " + format + ": line " + (index + 1)
                + ": malformed cue timing \"" + shown + "\": " + expected);
    }
}
