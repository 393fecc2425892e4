package dev.teammate.drive;

import com.google.api.services.drive.model.File;
import dev.teammate.extract.DocumentKind;

import java.util.Locale;
import java.util.Map;

/**
 * What the hub does with a Drive file, from its MIME type (and, for plain uploads, its name's extension): Google
 * Docs, Slides and Sheets are exported as text; PDF, Office, text and transcript files are downloaded and extracted;
 * audio and video go to transcription; everything else (images, folders, shortcuts, forms) is left alone.
 *
 * @param kind         {@link DocumentKind#DOCUMENT}, {@link DocumentKind#TRANSCRIPT}, {@link DocumentKind#RECORDING}
 *                     or {@link DocumentKind#UNSUPPORTED}
 * @param exportMime   the MIME type to export a Google-native file as, or {@code null} to download the bytes
 * @param extension    the extension the local copy gets: chosen from a fixed list, never taken from the Drive name
 *                     unless that extension is one the hub knows
 */
public record DriveFormat(DocumentKind kind, String exportMime, String extension) {

    public static final String FOLDER = "application/vnd.google-apps.folder";

    private static final String GOOGLE_APPS = "application/vnd.google-apps.";
    private static final DriveFormat SKIP = new DriveFormat(DocumentKind.UNSUPPORTED, null, "");

    private static final Map<String, DriveFormat> NATIVE = Map.of(
            GOOGLE_APPS + "document", new DriveFormat(DocumentKind.DOCUMENT, "text/plain", "txt"),
            GOOGLE_APPS + "presentation", new DriveFormat(DocumentKind.DOCUMENT, "text/plain", "txt"),
            GOOGLE_APPS + "spreadsheet", new DriveFormat(DocumentKind.DOCUMENT, "text/csv", "txt"));

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("application/pdf", "pdf"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
            Map.entry("text/plain", "txt"),
            Map.entry("text/markdown", "md"),
            Map.entry("text/x-markdown", "md"),
            Map.entry("text/html", "html"),
            Map.entry("text/vtt", "vtt"),
            Map.entry("application/x-subrip", "srt"),
            Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/x-m4a", "m4a"),
            Map.entry("audio/aac", "aac"),
            Map.entry("audio/wav", "wav"),
            Map.entry("audio/x-wav", "wav"),
            Map.entry("audio/vnd.wave", "wav"),
            Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/opus", "opus"),
            Map.entry("audio/flac", "flac"),
            Map.entry("audio/x-flac", "flac"),
            Map.entry("audio/webm", "webm"),
            Map.entry("video/mp4", "mp4"),
            Map.entry("video/quicktime", "mov"),
            Map.entry("video/webm", "webm"),
            Map.entry("video/x-matroska", "mkv"));

    public static DriveFormat of(File file) {
        String mime = file.getMimeType() == null ? "" : file.getMimeType().toLowerCase(Locale.ROOT);
        if (mime.startsWith(GOOGLE_APPS)) {
            return NATIVE.getOrDefault(mime, SKIP);
        }
        // A name's extension the hub knows says more than a generic type (a .vtt uploaded as text/plain).
        String byName = DocumentKind.extension(file.getName());
        DocumentKind kindByName = DocumentKind.of("x." + byName);
        String byMime = EXTENSIONS.get(mime);
        boolean media = mime.startsWith("audio/") || mime.startsWith("video/");
        if (media) {
            String extension = kindByName == DocumentKind.RECORDING ? byName : byMime;
            return new DriveFormat(DocumentKind.RECORDING, null, extension == null ? "media" : extension);
        }
        if (kindByName == DocumentKind.DOCUMENT || kindByName == DocumentKind.TRANSCRIPT) {
            return new DriveFormat(kindByName, null, byName);
        }
        if (byMime != null) {
            return new DriveFormat(DocumentKind.of("x." + byMime), null, byMime);
        }
        return SKIP;
    }

    public static boolean isFolder(File file) {
        return FOLDER.equals(file.getMimeType());
    }

    public static boolean isGoogleNative(File file) {
        return file.getMimeType() != null && file.getMimeType().startsWith(GOOGLE_APPS);
    }

    public boolean isSupported() {
        return kind != DocumentKind.UNSUPPORTED;
    }
}
