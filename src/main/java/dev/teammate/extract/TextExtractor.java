package dev.teammate.extract;
import java.nio.file.*;
import java.util.*;
// TEMPORARY STUB
public class TextExtractor {
    public TextExtractor(long max) {}
    public ExtractedText extract(Path file, String name) {
        try {
            String s = Files.readString(file);
            List<Segment> segs = new ArrayList<>();
            for (String p : s.split("\\n\\s*\\n")) if (!p.isBlank()) segs.add(Segment.paragraph(p.strip()));
            return new ExtractedText(null, segs, false);
        } catch (Exception e) { throw new RuntimeException(name + ": " + e.getMessage(), e); }
    }
}
