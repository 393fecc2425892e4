package dev.teammate.extract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentKindTest {

    @Test
    void classifiesByExtensionIgnoringCase() {
        assertThat(DocumentKind.of("notes.txt")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("README.MD")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("Spec.Markdown")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("page.HTM")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("Q3 report.final.PDF")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("plan.docx")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("demo.pptx")).isEqualTo(DocumentKind.DOCUMENT);
        assertThat(DocumentKind.of("standup.vtt")).isEqualTo(DocumentKind.TRANSCRIPT);
        assertThat(DocumentKind.of("standup.SRT")).isEqualTo(DocumentKind.TRANSCRIPT);
        assertThat(DocumentKind.of("standup.m4a")).isEqualTo(DocumentKind.RECORDING);
        assertThat(DocumentKind.of("GMT20240101-zoom_0.MP4")).isEqualTo(DocumentKind.RECORDING);
        assertThat(DocumentKind.of("voice.opus")).isEqualTo(DocumentKind.RECORDING);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThat(DocumentKind.of("budget.xlsx")).isEqualTo(DocumentKind.UNSUPPORTED);
        assertThat(DocumentKind.of("old.doc")).isEqualTo(DocumentKind.UNSUPPORTED);
        assertThat(DocumentKind.of("Makefile")).isEqualTo(DocumentKind.UNSUPPORTED);
        assertThat(DocumentKind.of("archive.txt.gz")).isEqualTo(DocumentKind.UNSUPPORTED);
        assertThat(DocumentKind.of("folder.pdf/notes")).isEqualTo(DocumentKind.UNSUPPORTED);
        assertThat(DocumentKind.of(null)).isEqualTo(DocumentKind.UNSUPPORTED);
    }
}
