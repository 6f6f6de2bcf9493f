package dev.benchy.core.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints doubles the way Python prints floats, so benchy's CSV, JSON and Markdown carry the same characters as
 * llama-benchy's for the same numbers (consumers diff them, and people compare tables side by side).
 *
 * <p>{@link #repr(double)} is Python's {@code repr(float)} (what {@code csv} and {@code json} write): the shortest
 * decimal that reads back as the same double, plain for {@code 1e-4 <= |x| < 1e16}, otherwise in exponent form such
 * as {@code 1e-05} or {@code 1.2345678901234568e+16}. Java 17's {@code Double.toString} is neither shortest in every
 * case (it prints {@code 1.0E23} as {@code 9.999999999999999E22}) nor in Python's layout, so the digits are found here.
 *
 * <p>{@link #fixed(double, int)} is Python's {@code "%.Nf"}: the exact binary value rounded half-to-even, whereas
 * Java's {@code %.2f} rounds the shortest decimal half-up ({@code 0.125} gives {@code 0.13} in Java, {@code 0.12} in
 * Python).
 */
public final class PythonFloat {

    /** Python switches to exponent form below this decimal exponent ... */
    private static final int MIN_PLAIN_EXPONENT = -4;
    /** ... and from this one on. */
    private static final int MAX_PLAIN_EXPONENT = 16;

    private PythonFloat() {
    }

    /** Python's {@code repr(x)}: {@code 0.1}, {@code 2048.0}, {@code 1e-05}, {@code 1e+16}, {@code nan}, {@code -inf}. */
    static String repr(double x) {
        String special = special(x);
        if (special != null) {
            return special;
        }
        if (x == 0.0) {
            return isNegative(x) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(x)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int pointPosition = digits.length() - shortest.scale(); // x = 0.<digits> * 10^pointPosition
        int exponent = pointPosition - 1;                       // x = d.ddd * 10^exponent
        String sign = x < 0 ? "-" : "";
        if (exponent < MIN_PLAIN_EXPONENT || exponent >= MAX_PLAIN_EXPONENT) {
            return sign + scientific(digits, exponent);
        }
        return sign + plain(digits, pointPosition);
    }

    /** Python's {@code "%.<decimals>f" % x}: {@code fixed(0.125, 2)} is {@code 0.12}, {@code fixed(-0.0, 2)} is {@code -0.00}. */
    public static String fixed(double x, int decimals) {
        String special = special(x);
        if (special != null) {
            return special;
        }
        String text = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return isNegative(x) && !text.startsWith("-") ? "-" + text : text;
    }

    private static String special(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return null;
    }

    private static boolean isNegative(double x) {
        return Double.doubleToRawLongBits(x) < 0;
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code x} (positive, finite); among those of
     * that length, the nearest to {@code x}. A length works when the nearest decimal of that length, or its neighbour
     * on the other side of {@code x} (which can be the only one inside the rounding interval next to a power of two),
     * reads back as {@code x}; if a length works, every longer one does. Java's own digits always read back and are
     * rarely more than the shortest, so the search starts there and walks down.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        int precision = new BigDecimal(Double.toString(x)).stripTrailingZeros().precision();
        while (precision > 1 && readsBack(exact, precision - 1, x) != null) {
            precision--;
        }
        return readsBack(exact, precision, x);
    }

    /** The nearest decimal of {@code precision} digits that reads back as {@code x}, or null if none does. */
    private static BigDecimal readsBack(BigDecimal exact, int precision, double x) {
        BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == x) {
            return nearest;
        }
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
        BigDecimal other = down.compareTo(nearest) == 0
                ? exact.round(new MathContext(precision, RoundingMode.CEILING))
                : down;
        return other.doubleValue() == x ? other : null;
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String magnitude = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.length() < 2 ? "0" + magnitude : magnitude);
    }

    private static String plain(String digits, int pointPosition) {
        if (pointPosition <= 0) {
            return "0." + "0".repeat(-pointPosition) + digits;
        }
        if (pointPosition >= digits.length()) {
            return digits + "0".repeat(pointPosition - digits.length()) + ".0";
        }
        return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
    }
}
