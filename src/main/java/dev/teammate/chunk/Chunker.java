package dev.teammate.chunk;
import dev.teammate.embed.MiniLmTokenizer;
import dev.teammate.extract.*;
import java.util.*;
// TEMPORARY STUB
public class Chunker {
    private final MiniLmTokenizer t;
    public Chunker(MiniLmTokenizer t, int a, int b, int c) { this.t = t; }
    public List<Chunk> chunk(ExtractedText text) {
        List<Chunk> out = new ArrayList<>();
        for (Segment s : text.segments()) out.add(new Chunk(out.size(), s.text(), t.count(s.text()), s.startSeconds(), s.endSeconds()));
        return out;
    }
}
