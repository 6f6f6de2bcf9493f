package dev.benchy.core.report;

import java.util.Locale;

/** Small pieces of report prose shared by the writers and the code that words row flags. */
public final class ReportText {

    /** Long texts (server error bodies) are cut to this many characters, so a note stays one readable line. */
    public static final int MAX_LINE_LENGTH = 200;

    private ReportText() {
    }

    /** {@code text} on one line (runs of white space made one space), cut to {@value #MAX_LINE_LENGTH} characters. */
    public static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= MAX_LINE_LENGTH) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_LINE_LENGTH)) + "\u2026";
    }

    /** A count of tokens or requests: whole numbers without a decimal point, others with one decimal. */
    public static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value)
                : PythonFloat.fixed(value, 1);
    }

    /** {@code "1 request"}, {@code "3 requests"}. */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** {@code "1 batch"}, {@code "3 batches"}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** Milliseconds with two decimals, as the table prints them: {@code "450.00 ms"}. */
    public static String millis(double ms) {
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
