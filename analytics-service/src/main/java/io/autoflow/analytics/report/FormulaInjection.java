package io.autoflow.analytics.report;

/**
 * Text a spreadsheet could take for a formula (OWASP "CSV injection"): it starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return, possibly after spaces.
 */
final class FormulaInjection {

    private FormulaInjection() {
    }

    static boolean isRisky(String text) {
        String start = text.stripLeading();
        if (start.isEmpty()) {
            return text.startsWith("\t") || text.startsWith("\r");
        }
        char first = start.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || text.charAt(0) == '\t'
                || text.charAt(0) == '\r';
    }
}
