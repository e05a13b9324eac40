package io.autoflow.tabular;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Gives a numeric cell's value as analysis needs it rather than as the sheet displays it: dates as ISO text (a date
 * alone when there is no time of day), other numbers in full precision without grouping or exponent.
 */
public final class RawValueFormatter extends DataFormatter {

    /** How POI's sheet handler marks an error cell (#DIV/0!, #N/A, ...). */
    private static final String ERROR_PREFIX = "ERROR:";

    public static boolean isError(String value) {
        return value.startsWith(ERROR_PREFIX);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return formatRawCellContents(value, formatIndex, formatString, false);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
        if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            LocalDateTime dateTime = DateUtil.getLocalDateTime(value, use1904, true);
            return dateTime.toLocalTime().toSecondOfDay() == 0
                    ? dateTime.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE)
                    : dateTime.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value); // the common case, without BigDecimal's cost
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
