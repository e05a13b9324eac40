package io.autoflow.analytics.text;

import io.autoflow.service.work.Checkpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The text's headings, and the body between them as blocks for the sentences. A DOCX names its headings (by their
 * styles); elsewhere a heading is a line that is numbered ("1. Introduction", "2.1 Methods") or short and without a
 * final period at the start of a paragraph, followed by a longer line that opens one; or a line in capitals
 * ("RESULTS"). A PDF's lines are wrapped at the page's width, so a short line that is not a paragraph's last is a
 * heading, not prose. A line on every page (a running header or footer) and a page number are left out, so that the
 * paragraph they interrupt goes on. The blocks under a references heading are marked: their entries are not what the
 * text says.
 */
final class Sections {

    static final int MAX_SECTIONS = 30;
    private static final int MAX_TITLE_CHARS = 120;
    private static final int MAX_HEADING_WORDS = 10;
    /** A title line is at most this share of the line after it (a wrapped line is as long as the next). */
    private static final double TITLE_SHARE = 0.7;
    /** A short line seen this often is a running header or footer. */
    private static final int RUNNING_HEADER = 3;
    private static final int BODY = 0;
    private static final int HEADING = 1;
    private static final int RUNNING = -1;

    private static final Pattern NUMBERED = Pattern.compile(
            "(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?|[IVX]{1,6}\\.)\\s+\\p{Lu}.*");
    private static final Pattern REFERENCES = Pattern.compile("(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?\\s+)?(?:references|"
            + "bibliography|works cited|literature cited|références|références bibliographiques|bibliographie|"
            + "literatur|literaturverzeichnis|quellen|quellenverzeichnis|referencias|bibliografía|bibliografia)\\s*:?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A page number on a line of its own: "12", "- 12 -", "Page 3 of 10", "Seite 3/10". */
    private static final Pattern PAGE_NUMBER = Pattern.compile("(?:page|seite|página|p\\.)?\\s*[-–—－]?\\s*\\d{1,4}"
            + "\\s*[-–—－]?(?:\\s*(?:of|/|sur|von|de)\\s*\\d{1,4})?", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern TABLE_GAP = Pattern.compile("\\S\\s{3,}\\S");

    /** Body text between headings: a paragraph or a run of them, joined into one line. */
    record Block(String text, boolean references) {
    }

    private Sections() {
    }

    /**
     * Reads the text's lines once: the sections it returns, the body to {@code body} block by block.
     *
     * @param headings the headings the document names, in order, or empty to find them in the text
     */
    static List<Section> read(String text, List<String> headings, Consumer<Block> body) {
        List<String> lines = text.lines().map(String::strip).toList();
        int[] kind = headings.isEmpty() ? detect(lines) : named(lines, headings);
        List<Section> sections = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        String title = null;
        long words = 0;
        boolean references = false;
        for (int i = 0; i < lines.size(); i++) {
            if (i % 4096 == 0) {
                Checkpoint.check();
            }
            String line = lines.get(i);
            if (kind[i] == RUNNING) {
                continue;
            }
            if (line.isEmpty() || kind[i] == HEADING) {
                flush(block, references, body);
            }
            if (kind[i] == HEADING) {
                if (title != null && sections.size() < MAX_SECTIONS) {
                    sections.add(new Section(title, words));
                }
                title = line;
                words = 0;
                references = REFERENCES.matcher(line).matches();
            } else if (!line.isEmpty()) {
                join(block, line);
                words += TextAnalysis.words(line);
            }
        }
        flush(block, references, body);
        if (title != null && sections.size() < MAX_SECTIONS) {
            sections.add(new Section(title, words));
        }
        return sections;
    }

    /** The lines that are the document's own headings, matched in order. */
    private static int[] named(List<String> lines, List<String> headings) {
        int[] kind = new int[lines.size()];
        int next = 0;
        for (int i = 0; i < lines.size() && next < headings.size(); i++) {
            if (!lines.get(i).isEmpty() && lines.get(i).equals(headings.get(next).strip())) {
                kind[i] = HEADING;
                next++;
            }
        }
        return kind;
    }

    /**
     * @return per line: {@link #HEADING}, {@link #RUNNING} (a short line seen on three pages or more, a page number:
     *         left out, so that the paragraph it interrupts goes on) or {@link #BODY}
     */
    private static int[] detect(List<String> lines) {
        boolean[] candidate = new boolean[lines.size()];
        Map<String, Integer> repeats = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i % 4096 == 0) {
                Checkpoint.check();
            }
            String line = lines.get(i);
            candidate[i] = !line.isEmpty() && titleLike(line);
            if (!line.isEmpty() && line.length() <= MAX_TITLE_CHARS) {
                repeats.merge(line, 1, Integer::sum);
            }
        }
        int[] kind = new int[lines.size()];
        String previous = null; // the last line with text, running headers aside
        for (int i = 0; i < lines.size(); i++) {
            if (i % 4096 == 0) {
                Checkpoint.check();
            }
            String line = lines.get(i);
            boolean numbered = candidate[i] && NUMBERED.matcher(line).matches();
            if (!line.isEmpty() && !numbered && (repeats.getOrDefault(line, 0) >= RUNNING_HEADER
                    || line.length() <= MAX_TITLE_CHARS && PAGE_NUMBER.matcher(line).matches())) {
                kind[i] = RUNNING;
                continue;
            }
            String next = nextLine(lines, i);
            if (candidate[i] && next != null) {
                boolean opensParagraph = previous == null || lines.get(i - 1).isEmpty()
                        || kind[i - 1] == HEADING || endsSentence(previous);
                boolean beforeParagraph = opensSentence(next) && line.length() <= TITLE_SHARE * next.length();
                boolean heading = capitals(line) || opensParagraph && numbered
                        || opensParagraph && beforeParagraph && Character.isUpperCase(line.charAt(0));
                kind[i] = heading ? HEADING : BODY;
            }
            previous = line.isEmpty() ? previous : line;
        }
        return kind;
    }

    /**
     * Short, mostly letters, without a sentence's final punctuation, not ending on a small word ("the", "de"), and
     * not a table's row as a PDF's text lays it out (cells apart by wide gaps).
     */
    private static boolean titleLike(String line) {
        if (line.length() > MAX_TITLE_CHARS || TextAnalysis.words(line) > MAX_HEADING_WORDS
                || TABLE_GAP.matcher(line).find()
                || ".,;:!?…".indexOf(line.charAt(line.length() - 1)) >= 0) {
            return false;
        }
        long letters = line.chars().filter(Character::isLetter).count();
        long visible = line.chars().filter(c -> !Character.isWhitespace(c)).count();
        String last = line.substring(line.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
        return letters >= 2 && 2 * letters >= visible && !TextLanguage.isStopWord(last);
    }

    /** All its letters (three at least) are capitals: "RESULTS AND DISCUSSION". */
    private static boolean capitals(String line) {
        int letters = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return false;
                }
                letters++;
            }
        }
        return letters >= 3;
    }

    private static boolean endsSentence(String line) {
        return !line.isEmpty() && ".!?:…»\"”".indexOf(line.charAt(line.length() - 1)) >= 0;
    }

    private static boolean opensSentence(String line) {
        char first = line.charAt(0);
        return Character.isUpperCase(first) || Character.isDigit(first) || "\"“«¿¡'‘([".indexOf(first) >= 0;
    }

    /** The next line with text, within the next two (a heading is not far from what it introduces). */
    private static String nextLine(List<String> lines, int i) {
        for (int j = i + 1; j < lines.size() && j <= i + 2; j++) {
            if (!lines.get(j).isEmpty()) {
                return lines.get(j);
            }
        }
        return null;
    }

    /** Appends a line to the block: a word hyphenated at a line's end is joined again. */
    private static void join(StringBuilder block, String line) {
        int end = block.length();
        if (end >= 2 && block.charAt(end - 1) == '-' && Character.isLetter(block.charAt(end - 2))
                && Character.isLowerCase(line.charAt(0))) {
            block.setLength(end - 1);
        } else if (end > 0) {
            block.append(' ');
        }
        block.append(line);
    }

    private static void flush(StringBuilder block, boolean references, Consumer<Block> body) {
        if (!block.isEmpty()) {
            body.accept(new Block(block.toString(), references));
            block.setLength(0);
        }
    }
}
