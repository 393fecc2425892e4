package dev.teammate.extract;

import java.util.Locale;
import java.util.Set;

/**
 * What the pipeline does with a file, decided by its name's extension alone (case-insensitive): documents and
 * transcripts go to text extraction, recordings to transcription, anything else is refused at intake.
 *
 * <p>The extension is trusted rather than sniffed so the choice is visible and predictable for the person dropping
 * files; the extractor still checks that the content fits the name (see {@link TextExtractor}).
 */
public enum DocumentKind {

    /** Text, Markdown, HTML, PDF, Word and PowerPoint files. */
    DOCUMENT(Set.of("txt", "md", "markdown", "html", "htm", "pdf", "docx", "pptx")),

    /** Timed captions downloaded from meeting tools: WebVTT and SubRip. */
    TRANSCRIPT(Set.of("vtt", "srt")),

    /** Audio and video that have to be transcribed first. */
    RECORDING(Set.of("m4a", "mp3", "mp4", "mov", "webm", "ogg", "oga", "flac", "wav", "mkv", "aac", "opus")),

    /** Everything else. */
    UNSUPPORTED(Set.of());

    private final Set<String> extensions;

    DocumentKind(Set<String> extensions) {
        this.extensions = extensions;
    }

    /** The kind of a file, judged by the extension of {@code fileName}; a name without one is unsupported. */
    public static DocumentKind of(String fileName) {
        String extension = extension(fileName);
        for (DocumentKind kind : values()) {
            if (kind.extensions.contains(extension)) {
                return kind;
            }
        }
        return UNSUPPORTED;
    }

    /** The lower-case extension of {@code fileName} without the dot, or an empty string when it has none. */
    public static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The extensions of this kind, lower case, without dots. */
    public Set<String> extensions() {
        return extensions;
    }
}
