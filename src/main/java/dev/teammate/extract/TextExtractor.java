package dev.teammate.extract;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the text out of a document or transcript file, as paragraphs or timed cues ready for the chunker.
 *
 * <ul>
 *   <li>Text and Markdown are read directly: the charset is detected (see {@link PlainTextDecoder}), binary content
 *       named {@code .txt} is refused, and paragraphs are split on blank lines. Markdown stays Markdown; a leading
 *       {@code # Heading} also becomes the title.</li>
 *   <li>HTML, PDF, DOCX and PPTX go through Apache Tika; paragraphs come from the structure Tika reports, the title
 *       from the document's metadata.</li>
 *   <li>WebVTT and SRT go to the {@link TranscriptParser}.</li>
 * </ul>
 *
 * <p>Every failure is an {@link ExtractionException} naming the file and the step. Text beyond
 * {@code teammate.intake.max-text-chars} characters is refused rather than cut, so that an item is never indexed
 * half. Instances are thread-safe; create one and share it, since Tika's parser set takes a second to load.
 */
public class TextExtractor {

    /** Default of {@code teammate.intake.max-text-chars}: about 2,500 pages of prose. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 10_000_000;

    /** The configuration property that sets the size limit; named in the reason when a file is too large. */
    public static final String MAX_TEXT_CHARS_PROPERTY = "teammate.intake.max-text-chars";

    private static final Logger LOG = LoggerFactory.getLogger(TextExtractor.class);

    private static final Map<String, String> LABELS = Map.of("txt", "text file", "md", "Markdown file",
            "markdown", "Markdown file", "html", "HTML", "htm", "HTML", "pdf", "PDF", "docx", "DOCX", "pptx", "PPTX",
            "vtt", "VTT", "srt", "SRT");
    private static final Pattern MARKDOWN_TITLE = Pattern.compile("^#[ \\t]+(.+?)[ \\t#]*$");
    private static final Pattern TIKA_WRAPPER = Pattern.compile("^TIKA-\\d+: .*");

    private final int maxTextChars;
    private final TranscriptParser transcriptParser = new TranscriptParser();
    private final AutoDetectParser parser = new AutoDetectParser();

    /** An extractor with the default limit of {@value #DEFAULT_MAX_TEXT_CHARS} characters. */
    public TextExtractor() {
        this(DEFAULT_MAX_TEXT_CHARS);
    }

    /**
     * @param maxTextChars {@code teammate.intake.max-text-chars}: files with more characters of text than this are
     *                     refused
     */
    public TextExtractor(int maxTextChars) {
        if (maxTextChars <= 0) {
            throw new IllegalArgumentException(MAX_TEXT_CHARS_PROPERTY + " must be positive, was " + maxTextChars);
        }
        this.maxTextChars = maxTextChars;
    }

    /**
     * Extracts the text of {@code file}.
     *
     * @param file     where the content is
     * @param fileName the item's name, whose extension decides the format (the stored file may be a temp file)
     * @return the paragraphs or cues, never empty
     * @throws ExtractionException when the file is unsupported, unreadable, empty of text or too large
     */
    public ExtractedText extract(Path file, String fileName) throws ExtractionException {
        String name = fileName == null || fileName.isBlank() ? String.valueOf(file.getFileName()) : fileName;
        String extension = DocumentKind.extension(name);
        DocumentKind kind = DocumentKind.of(name);
        if (kind == DocumentKind.RECORDING) {
            throw new ExtractionException(name, "is a recording: it needs transcription, not text extraction");
        }
        if (kind == DocumentKind.UNSUPPORTED) {
            throw new ExtractionException(name, "unsupported file type" + (extension.isEmpty() ? "" : " ." + extension)
                    + " (documents: " + sorted(DocumentKind.DOCUMENT) + "; transcripts: "
                    + sorted(DocumentKind.TRANSCRIPT) + "; recordings: " + sorted(DocumentKind.RECORDING) + ")");
        }

        ExtractedText text = switch (extension) {
            case "txt", "md", "markdown" -> plainText(file, name, extension);
            case "vtt" -> transcriptParser.parseVtt(readText(file, name, "VTT"), name);
            case "srt" -> transcriptParser.parseSrt(readText(file, name, "SRT"), name);
            default -> parsed(file, name, extension);
        };
        if (text.isEmpty()) {
            throw new ExtractionException(name, "no text found in " + LABELS.get(extension));
        }
        LOG.debug("extracted {}: {} segments, {} characters", name, text.segments().size(), text.characters());
        return text;
    }

    private ExtractedText plainText(Path file, String name, String extension) throws ExtractionException {
        String content = readText(file, name, LABELS.get(extension));
        List<Segment> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : content.split("\\R", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isBlank()) {
                addParagraph(paragraphs, paragraph);
            } else {
                if (!paragraph.isEmpty()) {
                    paragraph.append('\n');
                }
                paragraph.append(trimmed);
            }
        }
        addParagraph(paragraphs, paragraph);

        String title = null;
        if (!"txt".equals(extension) && !paragraphs.isEmpty()) {
            Matcher heading = MARKDOWN_TITLE.matcher(paragraphs.get(0).text());
            if (heading.matches()) {
                title = heading.group(1).strip();
            }
        }
        return new ExtractedText(title, paragraphs, false);
    }

    private static void addParagraph(List<Segment> paragraphs, StringBuilder paragraph) {
        String text = paragraph.toString().replace("\uFEFF", "");
        paragraph.setLength(0);
        if (!text.isBlank()) {
            paragraphs.add(Segment.paragraph(text));
        }
    }

    /** Reads a file that should be text, refusing it by its size before reading a byte. */
    private String readText(Path file, String name, String label) throws ExtractionException {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new ExtractionException(name, "cannot read " + label + ": " + e, e);
        }
        // Each character takes at least one byte in the encodings accepted, so the size bounds the characters.
        if (bytes > maxTextChars) {
            throw new ExtractionException(name, String.format(Locale.ROOT,
                    "too large: %,d bytes of text, more than the limit of %,d characters (%s)",
                    bytes, maxTextChars, MAX_TEXT_CHARS_PROPERTY));
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExtractionException(name, "cannot read " + label + ": " + e, e);
        }
        return PlainTextDecoder.decode(content, name, label);
    }

    private ExtractedText parsed(Path file, String name, String extension) throws ExtractionException {
        String label = LABELS.get(extension);
        if (isEmptyFile(file)) {
            throw new ExtractionException(name, "cannot read " + label + ": the file is empty (0 bytes)");
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        ParseContext context = new ParseContext();
        OfficeParserConfig office = new OfficeParserConfig();
        // Slide masters hold layout placeholders ("Click to edit Master title style"), not what the team wrote.
        office.setIncludeSlideMasterContent(false);
        context.set(OfficeParserConfig.class, office);

        ParagraphCollector collector = new ParagraphCollector();
        BodyContentHandler handler = new BodyContentHandler(new WriteOutContentHandler(collector, maxTextChars));
        try (TikaInputStream in = TikaInputStream.get(file)) {
            MediaType type = parser.getDetector().detect(in, metadata);
            if (!matches(extension, type)) {
                // Typically a download that saved an error or sign-in page under the document's name.
                throw new ExtractionException(name, "not a " + label + ": the content is " + type.getBaseType());
            }
            parser.parse(in, handler, metadata, context);
        } catch (IOException | SAXException | TikaException | RuntimeException e) {
            throw failure(file, name, label, e);
        }

        List<Segment> paragraphs = collector.paragraphs().stream().map(Segment::paragraph).toList();
        String title = metadata.get(TikaCoreProperties.TITLE);
        return new ExtractedText(title == null || title.isBlank() ? null : title.strip(), paragraphs, false);
    }

    /** Whether the detected content fits the extension; Office formats may be any Word or PowerPoint flavour. */
    private boolean matches(String extension, MediaType type) {
        MediaTypeRegistry registry = parser.getMediaTypeRegistry();
        return switch (extension) {
            case "pdf" -> registry.isInstanceOf(type, MediaType.application("pdf"));
            case "html", "htm" -> registry.isInstanceOf(type, MediaType.text("html"))
                    || registry.isInstanceOf(type, MediaType.application("xhtml+xml"));
            default -> registry.isInstanceOf(type, MediaType.application("x-tika-ooxml"))
                    || registry.isInstanceOf(type, MediaType.application("x-tika-msoffice"));
        };
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private ExtractionException failure(Path file, String name, String label, Exception e) {
        if (WriteLimitReachedException.isWriteLimitReached(e)) {
            return new ExtractionException(name, String.format(Locale.ROOT,
                    "too large: the %s holds more than the limit of %,d characters of text (%s)%s",
                    label, maxTextChars, MAX_TEXT_CHARS_PROPERTY, sizeNote(file)));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return new ExtractionException(name,
                        "cannot read " + label + ": it is password-protected (encrypted); save an unprotected copy", e);
            }
            if (t instanceof ZeroByteFileException) {
                return new ExtractionException(name, "cannot read " + label + ": the file is empty (0 bytes)", e);
            }
        }
        LOG.debug("Tika failed on {}", name, e);
        return new ExtractionException(name, "cannot read " + label + ": " + rootCause(e), e);
    }

    private static String sizeNote(Path file) {
        try {
            return String.format(Locale.ROOT, "; the file has %,d bytes", Files.size(file));
        } catch (IOException e) {
            return "";
        }
    }

    /** The most specific message in the chain, skipping Tika's wrappers that only name the parser class. */
    private static String rootCause(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String own = t.getMessage();
            if (own != null && !own.isBlank() && !TIKA_WRAPPER.matcher(own).matches()) {
                message = own.strip();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message != null ? message : e.getClass().getSimpleName();
    }

    private static String sorted(DocumentKind kind) {
        return String.join(" ", kind.extensions().stream().sorted().map(x -> "." + x).toList());
    }
}
