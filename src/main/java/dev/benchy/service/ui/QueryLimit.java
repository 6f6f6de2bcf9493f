package dev.benchy.service.ui;

/** A {@code limit} query parameter: absent gives the default; otherwise a whole number from 1 to the maximum. */
final class QueryLimit {

    private QueryLimit() {
    }

    /** @throws IllegalArgumentException naming the value when it is not a whole number from 1 to {@code max} */
    static int parse(String text, int defaultLimit, int max) {
        if (text == null) {
            return defaultLimit;
        }
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > max) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + max + ", but was " + text);
        }
        return n;
    }
}
