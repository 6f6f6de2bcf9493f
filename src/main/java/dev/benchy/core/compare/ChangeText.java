package dev.benchy.core.compare;

import dev.benchy.core.report.PythonFloat;

/** How a comparison prints its numbers, the same in every format: two decimals as the results table prints them. */
final class ChangeText {

    private ChangeText() {
    }

    /** A mean: {@code 987.10}. */
    static String value(double mean) {
        return PythonFloat.fixed(mean, 2);
    }

    /** The change from A to B: {@code +2.56%}, {@code -0.40%}, {@code 0.00%}; {@code n/a} when A is 0. */
    static String change(ComparedValue value) {
        Double percent = value.changePercent();
        if (percent == null) {
            return "n/a";
        }
        String text = PythonFloat.fixed(percent, 2);
        return (percent > 0 && !"0.00".equals(text) ? "+" : "") + text + "%";
    }

    /** {@code better}, {@code worse} or empty for no change. */
    static String verdict(ComparedValue value) {
        return value.verdict() == ComparedValue.Verdict.SAME ? "" : value.verdict().id();
    }

    /** A side as the legend names it: {@code label (model)}. */
    static String side(ComparisonSide side) {
        return side.model() == null || side.model().isEmpty() ? side.label() : side.label() + " (" + side.model() + ")";
    }
}
