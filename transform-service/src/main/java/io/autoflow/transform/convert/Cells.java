package io.autoflow.transform.convert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** How cell texts are read and written alike by every format. */
final class Cells {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d{0,14})(\\.\\d+)?([eE][+-]?\\d{1,3})?");

    private Cells() {
    }

    /** A plain decimal number, as JSON and spreadsheets understand it (no thousands separators, no leading zeros). */
    static boolean isNumber(String text) {
        return text != null && NUMBER.matcher(text).matches();
    }

    /**
     * Column names from a header row: trimmed, a blank one named by its position, a repeated one suffixed, so that
     * every row maps to an object with one key per column.
     */
    static List<String> header(List<String> cells) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i) == null ? "" : cells.get(i).trim();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return names;
    }

    /** The row cut or padded (with empty cells) to the header's width. */
    static List<String> fit(List<String> cells, int width) {
        List<String> fitted = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            fitted.add(i < cells.size() && cells.get(i) != null ? cells.get(i) : "");
        }
        return fitted;
    }
}
