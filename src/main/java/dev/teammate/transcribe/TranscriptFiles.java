package dev.teammate.transcribe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.teammate.extract.Segment;
import dev.teammate.item.Item;
import dev.teammate.item.ItemFolders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Saves a transcript in the item's outputs folder ({@code <outputs>/<item>/}) three ways: {@code transcript.txt}
 * (one line per segment, {@code [00:41:07] words}, for reading and quoting), {@code transcript.vtt} (WebVTT, for
 * players and for dropping back into the hub) and {@code transcript.json} (the segments with times in seconds, for
 * programs). Each file is written whole to a temporary name and then renamed, so a reader never sees half a file.
 */
public class TranscriptFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path outputsDir;

    public TranscriptFiles(Path outputsDir) {
        this.outputsDir = outputsDir;
    }

    /** Writes the three files and returns the folder they are in. */
    public Path save(Item item, Transcript transcript) throws IOException {
        Path folder = outputsDir.resolve(ItemFolders.name(item.id()));
        Files.createDirectories(folder);
        write(folder.resolve("transcript.txt"), text(transcript));
        write(folder.resolve("transcript.vtt"), webVtt(transcript));
        write(folder.resolve("transcript.json"), json(item, transcript));
        return folder;
    }

    static String text(Transcript transcript) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : transcript.segments()) {
            out.append('[').append(clock(segment.startSeconds(), false)).append("] ").append(segment.text())
                    .append('\n');
        }
        return out.toString();
    }

    static String webVtt(Transcript transcript) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        int cue = 1;
        for (Segment segment : transcript.segments()) {
            out.append('\n').append(cue++).append('\n')
                    .append(clock(segment.startSeconds(), true)).append(" --> ")
                    .append(clock(segment.endSeconds(), true)).append('\n')
                    // A blank line or "-->" inside a cue's text would end or break the cue.
                    .append(segment.text().replace("-->", "->").replaceAll("\\R+", " ")).append('\n');
        }
        return out.toString();
    }

    static String json(Item item, Transcript transcript) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("itemId", item.id());
        document.put("title", item.title());
        document.put("model", transcript.model());
        document.put("language", transcript.language());
        document.put("audioSeconds", round(transcript.audioSeconds()));
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Segment segment : transcript.segments()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("start", round(segment.startSeconds()));
            entry.put("end", round(segment.endSeconds()));
            entry.put("text", segment.text());
            segments.add(entry);
        }
        document.put("segments", segments);
        return JSON.writeValueAsString(document) + "\n";
    }

    /** {@code hh:mm:ss}, or {@code hh:mm:ss.mmm} for WebVTT. */
    static String clock(double seconds, boolean millis) {
        long totalMillis = Math.round(seconds * 1000);
        long h = totalMillis / 3_600_000;
        long m = totalMillis / 60_000 % 60;
        long s = totalMillis / 1000 % 60;
        return millis
                ? String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", h, m, s, totalMillis % 1000)
                : String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static void write(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
