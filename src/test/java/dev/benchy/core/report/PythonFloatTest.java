package dev.benchy.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected texts are what CPython 3 prints for the same doubles ({@code repr(x)} and {@code "%.2f" % x}). */
class PythonFloatTest {

    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource(delimiter = ';', value = {
            "0.0; 0.0",
            "-0.0; -0.0",
            "1.0; 1.0",
            "0.1; 0.1",
            "2048.0; 2048.0",
            "100.0; 100.0",
            "123.456; 123.456",
            "986.0233386029112; 986.0233386029112",
            "0.30000000000000004; 0.30000000000000004",
            "0.3333333333333333; 0.3333333333333333",
            "123456789.125; 123456789.125",
            "0.002; 0.002",
            "0.0001; 0.0001",
            "0.00012345; 0.00012345",
            "9.900000000000001E-5; 9.900000000000001e-05",
            "1.0E-5; 1e-05",
            "2.5E-5; 2.5e-05",
            "-1.5E-7; -1.5e-07",
            "1.0E15; 1000000000000000.0",
            "9999999999999998.0; 9999999999999998.0",
            "1.0E16; 1e+16",
            "12345678901234567.0; 1.2345678901234568e+16",
            "1.0E22; 1e+22",
            "1.0E23; 1e+23",
            "2.0E23; 2e+23",
            "4.9E-324; 5e-324",
            "1.7976931348623157E308; 1.7976931348623157e+308",
            "NaN; nan",
            "Infinity; inf",
            "-Infinity; -inf"})
    void reprPrintsAsPython(String input, String expected) {
        assertEquals(expected, PythonFloat.repr(Double.parseDouble(input)));
    }

    @ParameterizedTest(name = "%.2f of {0} = {1}")
    @CsvSource(delimiter = ';', value = {
            "0.125; 0.12",
            "0.375; 0.38",
            "2.675; 2.67",
            "1.005; 1.00",
            "0.005; 0.01",
            "1298.045; 1298.05",
            "8521.08; 8521.08",
            "-0.0; -0.00",
            "-0.001; -0.00",
            "1.0E20; 100000000000000000000.00",
            "NaN; nan"})
    void fixedRoundsAsPython(String input, String expected) {
        assertEquals(expected, PythonFloat.fixed(Double.parseDouble(input), 2));
    }

    @Test
    void reprIsTheShortestTextThatReadsBackAsTheSameDouble() {
        SplittableRandom random = new SplittableRandom(20260301);
        for (int i = 0; i < 5_000; i++) {
            double x = i % 2 == 0
                    ? Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)
                    : random.nextDouble() * Math.pow(10, random.nextInt(-8, 20));
            if (!Double.isFinite(x)) {
                continue;
            }
            String repr = PythonFloat.repr(x);
            assertEquals(x, Double.parseDouble(repr), repr);
            assertTrue(significantDigits(repr) <= significantDigits(Double.toString(x)),
                    () -> repr + " has more digits than " + Double.toString(x));
            int shorter = significantDigits(repr) - 1;
            if (shorter > 0) {
                BigDecimal exact = new BigDecimal(x);
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    double other = exact.round(new MathContext(shorter, mode)).doubleValue();
                    assertNotEquals(x, other, () -> repr + " is not the shortest text of " + Double.toString(x));
                }
            }
        }
    }

    private static int significantDigits(String text) {
        String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
        return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
    }
}
