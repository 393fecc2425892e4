package dev.teammate.extract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTML, PDF, DOCX and PPTX through Tika, with real files built at test time. */
class ParsedDocumentExtractionTest {

    private static TextExtractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    static void createExtractor() {
        extractor = new TextExtractor();
    }

    @Test
    void pdfParagraphsAndTitle() throws Exception {
        Path pdf = SampleDocuments.pdf(dir.resolve("upload-1234.tmp"), "Quarterly Report", List.of(
                List.of("Revenue grew by ten percent in the third quarter,", "mostly from the new onboarding flow."),
                List.of("Hiring is on hold until January.")), null);

        ExtractedText text = extractor.extract(pdf, "Q3 report.pdf");

        assertThat(text.title()).isEqualTo("Quarterly Report");
        assertThat(text.transcript()).isFalse();
        assertThat(text.segments()).extracting(Segment::text).containsExactly(
                "Revenue grew by ten percent in the third quarter, mostly from the new onboarding flow.",
                "Hiring is on hold until January.");
    }

    @Test
    void docxParagraphsTableRowsAndTitle() throws Exception {
        Path docx = SampleDocuments.docx(dir.resolve("plan.docx"), "Onboarding Plan",
                List.of("Goals", "New hires ship a change in their first week.", "", "Buddies review it."),
                new String[][] {{"Owner", "Due"}, {"Alice", "Friday"}});

        ExtractedText text = extractor.extract(docx, "plan.docx");

        assertThat(text.title()).isEqualTo("Onboarding Plan");
        assertThat(text.segments()).extracting(Segment::text).containsExactly("Goals",
                "New hires ship a change in their first week.", "Buddies review it.", "Owner | Due",
                "Alice | Friday");
    }

    @Test
    void pptxSlidesAndTitle() throws Exception {
        Path pptx = SampleDocuments.pptx(dir.resolve("demo.pptx"), "Sprint 14 Demo", List.of(
                List.of("Sprint 14 demo", "Search now ranks by recency."),
                List.of("Next: Slack digests")));

        ExtractedText text = extractor.extract(pptx, "demo.pptx");

        assertThat(text.title()).isEqualTo("Sprint 14 Demo");
        assertThat(text.segments()).extracting(Segment::text)
                .containsExactly("Sprint 14 demo", "Search now ranks by recency.", "Next: Slack digests");
    }

    @Test
    void htmlBlocksTitleAndNoScripts() throws Exception {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Team &amp; Process</title>"
                + "<style>p { color: red }</style><script>var secret = 1;</script></head><body>"
                + "<nav><a href=\"/\">Home</a></nav><h1>How we work</h1>"
                + "<p>We ship\n   every <b>Tuesday</b>&nbsp;morning.</p>"
                + "<ul><li>Plan on Monday</li><li>Demo on Friday \u2013 caf\u00e9</li></ul></body></html>";
        Path file = Files.writeString(dir.resolve("process.html"), html, StandardCharsets.UTF_8);

        ExtractedText text = extractor.extract(file, "process.html");

        assertThat(text.title()).isEqualTo("Team & Process");
        assertThat(text.segments()).extracting(Segment::text).containsExactly("Home", "How we work",
                "We ship every Tuesday morning.", "Plan on Monday", "Demo on Friday \u2013 caf\u00e9");
        assertThat(text.segments()).extracting(Segment::text).noneMatch(s -> s.contains("secret"));
    }

    @Test
    void corruptPdfNamesTheFormatAndTheCause() throws IOException {
        Path good = SampleDocuments.pdf(dir.resolve("good.pdf"), null, List.of(List.of("Some text here.")), null);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(bytes, 40));
        byte[] garbled = new byte[3000];
        new Random(11).nextBytes(garbled);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, garbled, 0, 9);
        Path garbage = Files.write(dir.resolve("garbled.pdf"), garbled);

        assertThatThrownBy(() -> extractor.extract(truncated, "report.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("report.pdf: cannot read PDF: ")
                .hasMessageNotContaining("TIKA-198");
        assertThatThrownBy(() -> extractor.extract(garbage, "garbled.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("garbled.pdf: cannot read PDF: ");
    }

    @Test
    void contentThatIsNotTheNamedFormatIsRefused() throws IOException {
        Path signInPage = Files.writeString(dir.resolve("report.pdf"),
                "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                        + "<body><p>Sign in to continue</p></body></html>");

        assertThatThrownBy(() -> extractor.extract(signInPage, "report.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("report.pdf: not a PDF: the content is text/html");
    }

    @Test
    void encryptedPdfSaysSo() throws IOException {
        Path pdf = SampleDocuments.pdf(dir.resolve("locked.pdf"), "Salaries", List.of(List.of("Confidential.")),
                "user-secret");

        assertThatThrownBy(() -> extractor.extract(pdf, "locked.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("locked.pdf: cannot read PDF: it is password-protected (encrypted);"
                        + " save an unprotected copy");
    }

    @Test
    void documentsWithoutTextAreReported() throws IOException {
        Path blankPdf = SampleDocuments.pdf(dir.resolve("scan.pdf"), "Scanned", List.of(), null);
        Path blankDocx = SampleDocuments.docx(dir.resolve("blank.docx"), null, List.of(" "), null);
        Path zeroBytes = Files.write(dir.resolve("zero.pdf"), new byte[0]);

        assertThatThrownBy(() -> extractor.extract(blankPdf, "scan.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("scan.pdf: no text found in PDF");
        assertThatThrownBy(() -> extractor.extract(blankDocx, "blank.docx"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("blank.docx: no text found in DOCX");
        assertThatThrownBy(() -> extractor.extract(zeroBytes, "zero.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("zero.pdf: cannot read PDF: the file is empty (0 bytes)");
    }

    @Test
    void parsedTextOverTheLimitIsRefused() throws Exception {
        List<String> paragraphs = Collections.nCopies(40, "This paragraph has exactly fifty characters in it.");
        Path docx = SampleDocuments.docx(dir.resolve("long.docx"), null, paragraphs, null);

        assertThatThrownBy(() -> new TextExtractor(1_000).extract(docx, "long.docx"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("long.docx: too large: the DOCX holds more than the limit of 1,000 characters"
                        + " of text (teammate.intake.max-text-chars); the file has ");
        assertThat(new TextExtractor(5_000).extract(docx, "long.docx").segments()).hasSize(40);
    }
}
