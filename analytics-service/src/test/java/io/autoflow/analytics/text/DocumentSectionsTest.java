package io.autoflow.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.autoflow.analytics.extract.ArticlePdf;
import io.autoflow.analytics.extract.DocxAnalyzer;
import io.autoflow.analytics.extract.ExtractedDocument;
import io.autoflow.analytics.extract.PdfAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Sections as documents make them: a Word document's are its heading styles (as Word's navigation pane shows them), a
 * PDF's are found in its text.
 */
class DocumentSectionsTest {

    @Test
    void headingStylesAreTheSections() throws Exception {
        byte[] docx;
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFStyles styles = document.createStyles();
            styles.addStyle(style("Heading1", "heading 1"));
            styles.addStyle(style("berschrift2", "heading 2")); // a German Word's id for Heading 2
            paragraph(document, "Heading1", "Project Overview");
            paragraph(document, null, "The new warehouse in Lyon will open on 1 September 2025 and employ"
                    + " 120 people. It replaces two smaller sites that no longer meet safety rules.");
            paragraph(document, "berschrift2", "Budget and schedule");
            paragraph(document, null, "Next steps");
            paragraph(document, null, "The budget is €14.5 million, of which 60 % is already financed by the"
                    + " regional bank. Construction starts in March 2024.");
            paragraph(document, "Heading1", "Risks");
            paragraph(document, null, "Delays in the delivery of steel could push the opening back by two months.");
            document.write(out);
            docx = out.toByteArray();
        }

        ExtractedDocument extracted = new DocxAnalyzer().analyze(new ByteArrayInputStream(docx));

        TextAnalysis text = extracted.text().analysis();
        // "Next steps" would pass for a heading in plain text, but the document says it is not one.
        assertThat(text.sections()).extracting(Section::title, Section::words).containsExactly(
                tuple("Project Overview", 26L), tuple("Budget and schedule", 23L), tuple("Risks", 14L));
        assertThat(text.language()).isEqualTo("en");
        assertThat(text.numbers()).extracting(StatedNumber::text)
                .containsExactly("120 people", "€14.5 million", "60 %");
        assertThat(text.dates()).extracting(StatedDate::value).containsExactly("2025-09-01", "2024-03");
        assertThat(text.keySentences()).noneMatch(s -> s.startsWith("Project Overview"));
        assertThat(extracted.text().paragraphs()).isEqualTo(7);
    }

    @Test
    void aPdfArticlesHeadingsAreItsSectionsAndItsReferencesStateNothing() {
        // ArticlePdf: a title, an abstract, numbered headings, a running head and page numbers on every page, and a
        // reference list whose entries are full of volumes, years and pages.
        ExtractedDocument extracted = new PdfAnalyzer().analyze(new ByteArrayInputStream(ArticlePdf.oneColumn()));

        TextAnalysis text = extracted.text().analysis();
        assertThat(text.sections()).extracting(Section::title).containsExactly("Abstract", "1 Introduction",
                "2 Methods", "2.1 Participants and measurements", "3 Results", "4 Discussion", "5 Conclusions",
                "References");
        assertThat(text.language()).isEqualTo("en");
        assertThat(text.numbers()).extracting(StatedNumber::text)
                .containsExactly("24.6 kg/m2", "3.1", "20", "65 years", "p < 0.05");
        assertThat(text.dates()).isEmpty(); // the references' years are not the text's
        assertThat(text.keySentences()).hasSize(KeySentences.MAX)
                .noneMatch(s -> s.contains("Journal of Applied Physiology") || s.contains("[1]"));
    }

    private static XWPFStyle style(String id, String name) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal(name);
        return new XWPFStyle(style);
    }

    private static void paragraph(XWPFDocument document, String style, String text) {
        var paragraph = document.createParagraph();
        if (style != null) {
            paragraph.setStyle(style);
        }
        paragraph.createRun().setText(text);
    }
}
