package dev.embedscope.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one table cell: a missing marker, a number (plain, or written as text: thousands separators,
 * a decimal comma in {@code ;} files, a currency sign, a trailing {@code %}), an ISO 8601 date or
 * date-time (as days since 1970-01-01), or none of these (text). The result is left in {@link #value}
 * and {@link #forms}; one parser serves one column at a time and allocates nothing per cell on the
 * plain-number path.
 */
final class CellParser {

    /** What a cell holds. */
    enum Kind { MISSING, NUMBER, ISO_DATE, TEXT }

    /** A number written with thousands separators ({@code 1,234} or {@code 1 234}). */
    static final int THOUSANDS = 1;
    /** A number written with a decimal comma ({@code 3,5}). */
    static final int DECIMAL_COMMA = 2;
    /** A number followed by {@code %}. */
    static final int PERCENT = 4;
    /** A number with a currency sign ({@code $ € £ ¥}). */
    static final int CURRENCY = 8;

    static final Set<String> MISSING = Set.of("", "na", "nan", "?", "n/a", "null", "#n/a", "-");
    private static final Set<String> POSITIVE_INFINITY = Set.of("inf", "+inf", "infinity", "+infinity");
    private static final Set<String> NEGATIVE_INFINITY = Set.of("-inf", "-infinity");

    private final boolean decimalComma;
    private final StringBuilder scratch = new StringBuilder(32);
    /** The number or date (days since the epoch) of the last cell parsed. */
    float value;
    /** The written forms of the last number parsed ({@link #THOUSANDS} …), 0 for a plain one. */
    int forms;

    /** @param decimalComma whether a comma is the decimal mark (tables delimited by {@code ;}) */
    CellParser(boolean decimalComma) {
        this.decimalComma = decimalComma;
    }

    Kind parse(String text) {
        forms = 0;
        if (isPlainNumber(text, 0, text.length())) {
            value = Float.parseFloat(text);
            return Kind.NUMBER;
        }
        if (text.length() <= 10) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (MISSING.contains(lower)) {
                return Kind.MISSING;
            }
            if (POSITIVE_INFINITY.contains(lower)) {
                value = Float.POSITIVE_INFINITY;
                return Kind.NUMBER;
            }
            if (NEGATIVE_INFINITY.contains(lower)) {
                value = Float.NEGATIVE_INFINITY;
                return Kind.NUMBER;
            }
        }
        if (lenientNumber(text)) {
            return Kind.NUMBER;
        }
        double days = isoDays(text);
        if (!Double.isNaN(days)) {
            value = (float) days;
            return Kind.ISO_DATE;
        }
        return Kind.TEXT;
    }

    /** {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?} between {@code from} and {@code to}. */
    static boolean isPlainNumber(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Numbers written as text; true with {@link #value} and {@link #forms} set when unambiguous. */
    private boolean lenientNumber(String text) {
        int from = 0;
        int to = text.length();
        if (to == 0 || to > 40) {
            return false;
        }
        int f = 0;
        boolean negative = false;
        if (text.charAt(from) == '-' || text.charAt(from) == '+') {
            negative = text.charAt(from) == '-';
            from++;
        }
        if (from < to && isCurrency(text.charAt(from))) {
            f |= CURRENCY;
            from = skipSpaces(text, from + 1, to);
            if (!negative && from < to && text.charAt(from) == '-') {
                negative = true;
                from++;
            }
        }
        if (to > from && text.charAt(to - 1) == '%') {
            f |= PERCENT;
            to = trimEnd(text, from, to - 1);
        } else if (to > from && isCurrency(text.charAt(to - 1))) {
            f |= CURRENCY;
            to = trimEnd(text, from, to - 1);
        }
        if (from >= to || !isDigit(text.charAt(from)) && text.charAt(from) != '.' && text.charAt(from) != ',') {
            return false;
        }
        StringBuilder b = scratch;
        b.setLength(0);
        if (negative) {
            b.append('-');
        }
        int commas = 0;
        int dots = 0;
        int spaces = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ',') {
                commas++;
            } else if (c == '.') {
                dots++;
            } else if (c == ' ' || c == '\u00A0' || c == '\u202F') {
                spaces++;
            } else if (!isDigit(c) && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        char thousands;
        char decimal;
        if (decimalComma) {
            decimal = ',';
            thousands = spaces > 0 ? ' ' : '.';
            if (commas > 1 || spaces > 0 && dots > 0) {
                return false;
            }
            if (commas == 0 && spaces == 0 && dots > 0) {
                return false; // 1.234 in a ';' file: a decimal point or a thousands mark? refuse to guess
            }
        } else {
            decimal = '.';
            thousands = spaces > 0 ? ' ' : ',';
            if (dots > 1 || spaces > 0 && commas > 0) {
                return false;
            }
        }
        int intEnd = text.indexOf(decimal, from);
        if (intEnd < 0 || intEnd >= to) {
            intEnd = to;
        }
        int groupDigits = -1;
        boolean grouped = false;
        for (int i = from; i < intEnd; i++) {
            char c = text.charAt(i);
            boolean isThousands = c == thousands || thousands == ' ' && (c == '\u00A0' || c == '\u202F');
            if (isThousands) {
                if (groupDigits == 0 || groupDigits > 3 || grouped && groupDigits != 3) {
                    return false;
                }
                grouped = true;
                groupDigits = 0;
            } else if (isDigit(c)) {
                groupDigits = groupDigits < 0 ? 1 : groupDigits + 1;
                b.append(c);
            } else {
                return false;
            }
        }
        if (grouped) {
            if (groupDigits != 3) {
                return false;
            }
            f |= THOUSANDS;
        }
        if (intEnd < to) {
            b.append('.');
            if (decimal == ',') {
                f |= DECIMAL_COMMA;
            }
            for (int i = intEnd + 1; i < to; i++) {
                char c = text.charAt(i);
                if (c == thousands || c == decimal) {
                    return false;
                }
                b.append(c);
            }
        }
        if (f == 0 || !isPlainNumber(b, 0, b.length())) {
            return false;
        }
        value = Float.parseFloat(b.toString());
        forms = f;
        return true;
    }

    private static boolean isCurrency(char c) {
        return c == '$' || c == '€' || c == '£' || c == '¥';
    }

    private static int skipSpaces(String s, int i, int to) {
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return to;
    }

    /**
     * Days since 1970-01-01 of an ISO 8601 date {@code yyyy-MM-dd}, optionally followed by {@code T} or a space
     * and {@code HH:mm[:ss[.fff]]} and a zone ({@code Z} or {@code ±HH:mm}); NaN when it is not one.
     */
    static double isoDays(String s) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Double.NaN;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        if (y < 0 || m < 0 || d < 0) {
            return Double.NaN;
        }
        long day;
        try {
            day = LocalDate.of(y, m, d).toEpochDay();
        } catch (DateTimeException e) {
            return Double.NaN;
        }
        if (n == 10) {
            return day;
        }
        char sep = s.charAt(10);
        if ((sep != 'T' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
            return Double.NaN;
        }
        int hh = digits(s, 11, 2);
        int mm = digits(s, 14, 2);
        int i = 16;
        double ss = 0;
        if (i < n && s.charAt(i) == ':') {
            int sec = digits(s, i + 1, 2);
            if (sec < 0 || sec > 60) {
                return Double.NaN;
            }
            ss = sec;
            i += 3;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return Double.NaN;
                }
                ss += Double.parseDouble("0." + s.substring(start, i));
            }
        }
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59) {
            return Double.NaN;
        }
        double offsetMinutes = 0;
        if (i < n) {
            char z = s.charAt(i);
            if (z == 'Z' && i == n - 1) {
                offsetMinutes = 0;
            } else if ((z == '+' || z == '-') && (n - i == 6 && s.charAt(i + 3) == ':' || n - i == 5)) {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, n - 2, 2);
                if (oh < 0 || om < 0) {
                    return Double.NaN;
                }
                offsetMinutes = (z == '+' ? 1 : -1) * (oh * 60 + om);
            } else {
                return Double.NaN;
            }
        }
        return day + (hh * 3600 + mm * 60 + ss - offsetMinutes * 60) / 86400.0;
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1. */
    static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
