package dev.teammate.extract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextExtractionTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static TextExtractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    static void createExtractor() {
        extractor = new TextExtractor();
    }

    @Test
    void splitsTextIntoParagraphsOnBlankLines() throws Exception {
        Path file = write("notes.txt", "First paragraph,\nstill the first.\r\n\r\n\r\n  \nSecond paragraph.\n\n\n",
                StandardCharsets.UTF_8);

        ExtractedText text = extractor.extract(file, "notes.txt");

        assertThat(text.transcript()).isFalse();
        assertThat(text.title()).isNull();
        assertThat(text.segments()).extracting(Segment::text)
                .containsExactly("First paragraph,\nstill the first.", "Second paragraph.");
        assertThat(text.segments()).noneMatch(Segment::isTimed);
    }

    @Test
    void keepsMarkdownHeadingsAsTextAndTakesTheFirstAsTitle() throws Exception {
        String markdown = "# Onboarding plan\n\nWe start on **Monday**.\n\n## Risks\n\n- hiring\n- budget\n";
        Path file = write("plan.md", markdown, StandardCharsets.UTF_8);

        ExtractedText text = extractor.extract(file, "plan.md");

        assertThat(text.title()).isEqualTo("Onboarding plan");
        assertThat(text.segments()).extracting(Segment::text)
                .containsExactly("# Onboarding plan", "We start on **Monday**.", "## Risks", "- hiring\n- budget");
    }

    @Test
    void readsUtf8WithAndWithoutByteOrderMark() throws Exception {
        String content = "Caf\u00e9 r\u00e9sum\u00e9, na\u00efve \u2013 \u201cquoted\u201d \u65e5\u672c";
        Path plain = write("plain.txt", content, StandardCharsets.UTF_8);
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path bom = Files.write(dir.resolve("bom.txt"), withBom);

        assertThat(extractor.extract(plain, "plain.txt").segments().get(0).text()).isEqualTo(content);
        assertThat(extractor.extract(bom, "bom.txt").segments().get(0).text()).isEqualTo(content);
    }

    @Test
    void decodesWindows1252AndLatin1Text() throws Exception {
        String shortText = "Le caf\u00e9 est na\u00efve.";
        String longText = "Meeting notes: the caf\u00e9 menu is na\u00efve, the r\u00e9sum\u00e9 review \u2013 "
                + "\u201cdone\u201d \u2013 costs 20\u20ac and the Stra\u00dfe sign says Gr\u00fc\u00dfe.";

        Path cp1252 = write("cp1252.txt", longText, WINDOWS_1252);
        Path shortCp1252 = write("short.md", shortText, WINDOWS_1252);
        Path latin1 = write("latin1.txt", shortText, StandardCharsets.ISO_8859_1);

        assertThat(extractor.extract(cp1252, "cp1252.txt").segments().get(0).text()).isEqualTo(longText);
        assertThat(extractor.extract(shortCp1252, "short.md").segments().get(0).text()).isEqualTo(shortText);
        assertThat(extractor.extract(latin1, "latin1.txt").segments().get(0).text()).isEqualTo(shortText);
    }

    @Test
    void decodesLegacyNonLatinTextWhenTheDetectorIsSure() throws Exception {
        String greek = "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03ba\u03cc\u03c3\u03bc\u03b5, "
                + "\u03b1\u03c5\u03c4\u03cc \u03b5\u03af\u03bd\u03b1\u03b9 \u03b5\u03bb\u03bb\u03b7\u03bd\u03b9"
                + "\u03ba\u03cc \u03ba\u03b5\u03af\u03bc\u03b5\u03bd\u03bf \u03b3\u03b9\u03b1 \u03c4\u03b7 "
                + "\u03c3\u03c5\u03bd\u03ac\u03bd\u03c4\u03b7\u03c3\u03b7 \u03c4\u03b7\u03c2 "
                + "\u03bf\u03bc\u03ac\u03b4\u03b1\u03c2.";
        Path file = write("greek.txt", greek, Charset.forName("ISO-8859-7"));

        assertThat(extractor.extract(file, "greek.txt").segments().get(0).text()).isEqualTo(greek);
    }

    @Test
    void readsUtf16WithByteOrderMark() throws Exception {
        String content = "Notepad saved this as \u201cUnicode\u201d: caf\u00e9.";
        Path file = Files.write(dir.resolve("notepad.txt"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                content.getBytes(StandardCharsets.UTF_16LE)));

        assertThat(extractor.extract(file, "notepad.txt").segments().get(0).text()).isEqualTo(content);
    }

    @Test
    void refusesBinaryDataNamedTxt() throws IOException {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        Path garbage = Files.write(dir.resolve("garbage.txt"), random);

        assertThatThrownBy(() -> extractor.extract(garbage, "garbage.txt"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("garbage.txt: not a text file: the file holds binary data (NUL bytes)");
    }

    @Test
    void refusesControlCharactersWithoutNulBytes() throws IOException {
        byte[] bytes = new byte[2000];
        Random random = new Random(3);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 3 == 0 ? 1 + random.nextInt(8) : 'a' + random.nextInt(26));
        }
        Path file = Files.write(dir.resolve("weird.md"), bytes);

        assertThatThrownBy(() -> extractor.extract(file, "weird.md"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("weird.md: not a Markdown file: ")
                .hasMessageContaining("control characters");
    }

    @Test
    void refusesAnotherFormatRenamedToTxt() throws IOException {
        String pdfWithoutBinaryBytes = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n"
                + "<< /Root 1 0 R >>\n%%EOF\n";
        Path file = write("renamed.txt", pdfWithoutBinaryBytes, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> extractor.extract(file, "renamed.txt"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("renamed.txt: not a text file: the content looks like application/pdf");
    }

    @Test
    void reportsAnEmptyFile() throws IOException {
        Path empty = write("empty.txt", "  \n\n \t\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> extractor.extract(empty, "empty.txt"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("empty.txt: no text found in text file");
    }

    @Test
    void refusesTextOverTheLimitBeforeReadingIt() throws Exception {
        Path big = write("big.txt", "word ".repeat(300), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new TextExtractor(1_000).extract(big, "big.txt"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("big.txt: too large: 1,500 bytes of text, more than the limit of 1,000 characters"
                        + " (teammate.intake.max-text-chars)")
                .satisfies(e -> assertThat(((ExtractionException) e).reason()).startsWith("too large"));
        assertThat(new TextExtractor(1_500).extract(big, "big.txt").characters()).isEqualTo(1_499);
    }

    @Test
    void namesUnsupportedFilesAndRecordings() throws IOException {
        Path file = write("budget.xlsx", "x", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> extractor.extract(file, "budget.xlsx"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("budget.xlsx: unsupported file type .xlsx"
                        + " (documents: .docx .htm .html .markdown .md .pdf .pptx .txt;");
        assertThatThrownBy(() -> extractor.extract(file, "standup.m4a"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("standup.m4a: is a recording: it needs transcription, not text extraction");
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(charset));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
