package io.autoflow.tabular;

/**
 * Text a spreadsheet could take for a formula (OWASP "CSV injection"): it starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return, possibly after spaces. Reports and converted data write such text so that it
 * stays text.
 */
public final class FormulaInjection {

    private FormulaInjection() {
    }

    public static boolean isRisky(String text) {
        String start = text.stripLeading();
        if (start.isEmpty()) {
            return text.startsWith("\t") || text.startsWith("\r");
        }
        char first = start.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || text.charAt(0) == '\t'
                || text.charAt(0) == '\r';
    }
}
