package dev.teammate.extract;
import java.util.List;
import java.util.Locale;
// TEMPORARY STUB
public enum DocumentKind {
    DOCUMENT(List.of(".txt", ".md", ".html", ".pdf", ".docx", ".pptx")),
    TRANSCRIPT(List.of(".vtt", ".srt")),
    RECORDING(List.of(".m4a", ".mp3", ".mp4", ".wav")),
    UNSUPPORTED(List.of());
    private final List<String> ext;
    DocumentKind(List<String> e) { ext = e; }
    public List<String> extensions() { return ext; }
    public static DocumentKind of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (DocumentKind k : values()) for (String e : k.ext) if (n.endsWith(e)) return k;
        return UNSUPPORTED;
    }
}
