package dev.embedscope.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the distinct values of a column as dates: ISO 8601 ({@link CellParser#isoDays}), {@code yyyy/MM/dd}
 * and the day/month/year forms {@code dd/MM/yyyy}, {@code MM/dd/yyyy} with {@code /}, {@code .} or {@code -}
 * (and an optional {@code HH:mm[:ss]} after a space). The day/month order is decided for the whole column from
 * the values: a first part above 12 means day first, a second part above 12 month first; when no value tells,
 * the order is ambiguous and the given one (day first unless told) is used and reported.
 */
final class DateForms {

    /**
     * The dates of the values.
     *
     * @param days      days since 1970-01-01 per value, NaN where a value is not a date
     * @param forms     how many values were written in each form (in the order first seen)
     * @param ambiguous whether day/month values occurred and none of them told the order
     * @param order     the order used for day/month values
     * @param conflict  whether some values need day first and others month first (then none are read)
     */
    record Result(double[] days, Map<String, Long> forms, boolean ambiguous, DateOrder order, boolean conflict) {
        long parsed() {
            long n = 0;
            for (double d : days) {
                n += Double.isNaN(d) ? 0 : 1;
            }
            return n;
        }
    }

    private DateForms() {
    }

    /**
     * @param values the distinct texts
     * @param counts how many cells hold each (for the form counts)
     * @param given  the order the user gave, or null to decide from the values
     */
    static Result read(java.util.List<String> values, long[] counts, DateOrder given) {
        int n = values.size();
        int[][] parts = new int[n][];
        boolean dayFirstSeen = false;
        boolean monthFirstSeen = false;
        for (int i = 0; i < n; i++) {
            int[] p = dayMonthYear(values.get(i));
            parts[i] = p;
            if (p != null && p[3] == 0) {
                dayFirstSeen |= p[0] > 12;
                monthFirstSeen |= p[1] > 12;
            }
        }
        boolean conflict = dayFirstSeen && monthFirstSeen && given == null;
        DateOrder order = given != null ? given : monthFirstSeen ? DateOrder.MONTH_FIRST : DateOrder.DAY_FIRST;
        boolean anyDm = false;
        double[] days = new double[n];
        Map<String, Long> forms = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String v = values.get(i);
            double iso = CellParser.isoDays(v);
            if (!Double.isNaN(iso)) {
                days[i] = iso;
                forms.merge("ISO 8601", counts[i], Long::sum);
                continue;
            }
            int[] p = parts[i];
            days[i] = Double.NaN;
            if (p == null) {
                continue;
            }
            if (p[3] == 1) {
                days[i] = epochDay(p[2], p[1], p[0], p[4]);
                forms.merge("year/month/day", counts[i], Long::sum);
            } else if (!conflict) {
                anyDm = true;
                boolean dayFirst = order == DateOrder.DAY_FIRST;
                days[i] = epochDay(p[2], dayFirst ? p[1] : p[0], dayFirst ? p[0] : p[1], p[4]);
                forms.merge(dayFirst ? "day/month/year" : "month/day/year", counts[i], Long::sum);
            }
        }
        boolean ambiguous = anyDm && given == null && !dayFirstSeen && !monthFirstSeen;
        return new Result(days, forms, ambiguous, order, conflict);
    }

    /**
     * {@code {first, second, year, yearFirst (0/1), seconds of the day}} for {@code a/b/yyyy} or
     * {@code yyyy/b/c}, with {@code /}, {@code .} or {@code -} and an optional time; null when not such a date.
     */
    private static int[] dayMonthYear(String s) {
        int space = s.indexOf(' ');
        String date = space < 0 ? s : s.substring(0, space);
        int seconds = 0;
        if (space >= 0) {
            seconds = timeOfDay(s.substring(space + 1).trim());
            if (seconds < 0) {
                return null;
            }
        }
        char sep = 0;
        for (char c : new char[] {'/', '.', '-'}) {
            if (date.indexOf(c) > 0) {
                sep = c;
                break;
            }
        }
        if (sep == 0) {
            return null;
        }
        String[] p = date.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        if (p.length != 3) {
            return null;
        }
        for (String x : p) {
            if (x.isEmpty() || x.length() > 4 || CellParser.digits(x, 0, x.length()) < 0) {
                return null;
            }
        }
        if (p[0].length() == 4 && p[1].length() <= 2 && p[2].length() <= 2) {
            return new int[] {Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]), 1, seconds};
        }
        if (p[2].length() == 4 && p[0].length() <= 2 && p[1].length() <= 2) {
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), 0, seconds};
        }
        return null;
    }

    private static int timeOfDay(String t) {
        String[] p = t.split(":", -1);
        if (p.length < 2 || p.length > 3) {
            return -1;
        }
        int h = CellParser.digits(p[0], 0, p[0].length());
        int m = p[1].length() == 2 ? CellParser.digits(p[1], 0, 2) : -1;
        int sec = p.length == 3 && p[2].length() == 2 ? CellParser.digits(p[2], 0, 2) : p.length == 3 ? -1 : 0;
        if (p[0].isEmpty() || p[0].length() > 2 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return -1;
        }
        return h * 3600 + m * 60 + sec;
    }

    private static double epochDay(int year, int month, int day, int seconds) {
        try {
            return LocalDate.of(year, month, day).toEpochDay() + seconds / 86400.0;
        } catch (DateTimeException e) {
            return Double.NaN;
        }
    }
}
