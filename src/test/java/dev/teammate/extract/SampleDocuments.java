package dev.teammate.extract;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small real PDF, DOCX and PPTX files at test time with the libraries Tika itself uses. */
public final class SampleDocuments {

    private SampleDocuments() {
    }

    /**
     * A one-page PDF; each inner list is a paragraph of lines, paragraphs separated by a gap. A user password makes
     * it encrypted.
     */
    public static Path pdf(Path file, String title, List<List<String>> paragraphs, String userPassword)
            throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            if (title != null) {
                doc.getDocumentInformation().setTitle(title);
            }
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.setLeading(14);
                content.newLineAtOffset(72, 720);
                for (List<String> paragraph : paragraphs) {
                    for (String line : paragraph) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.newLine();
                    content.newLine();
                }
                content.endText();
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** A DOCX with a title property, the given paragraphs, and a two-row table after them. */
    public static Path docx(Path file, String title, List<String> paragraphs, String[][] table) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            if (title != null) {
                doc.getProperties().getCoreProperties().setTitle(title);
            }
            for (String text : paragraphs) {
                doc.createParagraph().createRun().setText(text);
            }
            if (table != null) {
                XWPFTable t = doc.createTable(table.length, table[0].length);
                for (int r = 0; r < table.length; r++) {
                    for (int c = 0; c < table[r].length; c++) {
                        t.getRow(r).getCell(c).setText(table[r][c]);
                    }
                }
            }
            doc.write(out);
        }
        return file;
    }

    /** A PPTX with one text box per slide; each slide's list holds its text box paragraphs. */
    public static Path pptx(Path file, String title, List<List<String>> slides) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); OutputStream out = Files.newOutputStream(file)) {
            if (title != null) {
                show.getProperties().getCoreProperties().setTitle(title);
            }
            for (List<String> texts : slides) {
                XSLFSlide slide = show.createSlide();
                XSLFTextBox box = slide.createTextBox();
                box.setAnchor(new java.awt.Rectangle(50, 50, 600, 400));
                box.clearText();
                for (String text : texts) {
                    box.addNewTextParagraph().addNewTextRun().setText(text);
                }
            }
            show.write(out);
        }
        return file;
    }
}
