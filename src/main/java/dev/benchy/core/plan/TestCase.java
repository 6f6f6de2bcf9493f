package dev.benchy.core.plan;

/**
 * One shape of the test matrix: a prompt of {@code pp} tokens after {@code depth} tokens of context,
 * {@code tg} tokens generated, {@code concurrency} requests in flight together.
 */
public record TestCase(int depth, int pp, int tg, int concurrency) {

    public TestCase {
        requirePositive("pp", pp);
        requirePositive("tg", tg);
        requirePositive("concurrency", concurrency);
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be 0 or more, but was " + depth);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, but was " + value);
        }
    }

    /** A stable human label such as {@code pp2048 tg32 @ d4096 (c2)}, used in progress lines and logs. */
    public String label() {
        return "pp" + pp + " tg" + tg + (depth > 0 ? " @ d" + depth : "") + " (c" + concurrency + ")";
    }
}
