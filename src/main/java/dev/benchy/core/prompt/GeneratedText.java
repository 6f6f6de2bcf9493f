package dev.benchy.core.prompt;

import java.util.Random;

/**
 * English-like prose made up at run time, for when the book cannot be read (no network, a bad URL): benchy must
 * still run offline. It is built from a small vocabulary and a handful of sentence shapes with a fixed seed, so it
 * is identical in every run and on every machine, and varied enough that a prompt window does not repeat itself.
 * It is far more predictable than real prose, so speculative decoding and MTP look better on it than they are.
 */
public final class GeneratedText {

    /** How a corpus made of this text names its source. */
    public static final String SOURCE = "built-in generated text";

    /** Roughly the size of The Adventures of Sherlock Holmes, so depths behave as with the book. */
    static final int DEFAULT_LENGTH = 600_000;

    /** Fixed so that every run and every machine sees the same text ({@link Random}'s algorithm is specified). */
    private static final long SEED = 1661L;

    private static final String[] NAMES = {
        "Holloway", "Margaret", "the inspector", "the doctor", "Mrs. Penrose", "young Albert", "the clerk",
        "Colonel Vane", "Miss Harker", "the landlady", "Mr. Trent", "the coachman", "Lady Ashby", "the stranger",
        "Edmund", "the old sailor", "Dr. Fenwick", "the magistrate", "Clara", "the banker"
    };
    private static final String[] NOUNS = {
        "letter", "lamp", "window", "garden", "carriage", "river", "door", "clock", "map", "ledger", "stair",
        "harbour", "candle", "station", "bridge", "chimney", "parcel", "cellar", "market", "orchard", "ring",
        "telegram", "umbrella", "coat", "street", "table", "key", "portrait", "fog", "wall", "train", "journal",
        "shop", "boat", "field", "gate", "hat", "knife", "ladder", "mirror", "newspaper", "pocket", "rope",
        "safe", "trunk", "village", "wagon", "well", "desk", "library", "footprint", "cigar", "glove", "inn"
    };
    private static final String[] ADJECTIVES = {
        "narrow", "silent", "crimson", "dusty", "heavy", "curious", "pale", "ancient", "damp", "bright",
        "broken", "quiet", "hollow", "bitter", "gentle", "grey", "shabby", "polished", "crooked", "distant",
        "cold", "hidden", "sudden", "faded", "restless", "narrowed", "singular", "peculiar", "humble", "grave"
    };
    private static final String[] TRANSITIVE = {
        "opened", "examined", "carried", "found", "watched", "followed", "closed", "mended", "described",
        "noticed", "unfolded", "locked", "sold", "painted", "hid", "searched", "measured", "dropped", "counted",
        "questioned", "borrowed", "remembered", "signed", "burned", "studied", "guarded", "lifted", "crossed"
    };
    private static final String[] INTRANSITIVE = {
        "waited", "laughed", "hesitated", "listened", "returned", "vanished", "paused", "sighed", "whispered",
        "trembled", "wandered", "slept", "shouted", "agreed", "frowned", "lingered", "arrived", "departed"
    };
    private static final String[] ADVERBS = {
        "slowly", "quietly", "at once", "with some care", "without a word", "in great haste", "once more",
        "rather sharply", "at last", "almost at once", "for a long while", "more than once", "very gravely"
    };
    private static final String[] PREPOSITIONS = {
        "near", "beside", "behind", "under", "across", "beyond", "above", "inside", "along", "towards", "past"
    };
    private static final String[] TIMES = {
        "That evening", "In the morning", "Some days later", "Before noon", "By the time the bell rang",
        "Late that night", "On the following Tuesday", "Shortly after breakfast", "When the rain stopped",
        "In the autumn of 1887", "Two hours later", "At a quarter past nine"
    };
    private static final String[] SPEECH = {
        "said", "asked", "replied", "cried", "remarked", "answered", "observed", "muttered"
    };
    private static final String[] NUMBERS = {
        "two", "three", "four", "seven", "eleven", "twenty", "forty", "a dozen", "a hundred", "several"
    };

    private GeneratedText() {
    }

    /** About {@value #DEFAULT_LENGTH} characters of generated prose; the same text on every call. */
    public static String text() {
        return text(DEFAULT_LENGTH);
    }

    /**
     * At least {@code minLength} characters of generated prose, ending at a paragraph's end. A shorter text is a
     * prefix of a longer one.
     */
    public static String text(int minLength) {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be 1 or more, but was " + minLength);
        }
        Random random = new Random(SEED);
        StringBuilder out = new StringBuilder(minLength + 2_000);
        int chapter = 0;
        int paragraphsLeft = 0;
        while (out.length() < minLength) {
            if (paragraphsLeft == 0) {
                chapter++;
                out.append("CHAPTER ").append(roman(chapter)).append(". THE ")
                        .append(pick(random, ADJECTIVES).toUpperCase()).append(' ')
                        .append(pick(random, NOUNS).toUpperCase()).append("\n\n");
                paragraphsLeft = 25 + random.nextInt(30);
            }
            paragraph(random, out);
            out.append("\n\n");
            paragraphsLeft--;
        }
        return out.toString();
    }

    private static void paragraph(Random random, StringBuilder out) {
        int sentences = 3 + random.nextInt(6);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                out.append(' ');
            }
            sentence(random, out);
        }
    }

    private static void sentence(Random random, StringBuilder out) {
        int start = out.length();
        switch (random.nextInt(8)) {
            case 0 -> out.append("the ").append(pick(random, ADJECTIVES)).append(' ').append(pick(random, NOUNS))
                    .append(' ').append(pick(random, INTRANSITIVE)).append(' ').append(pick(random, PREPOSITIONS))
                    .append(" the ").append(pick(random, NOUNS)).append('.');
            case 1 -> out.append(pick(random, NAMES)).append(' ').append(pick(random, TRANSITIVE)).append(" the ")
                    .append(pick(random, ADJECTIVES)).append(' ').append(pick(random, NOUNS)).append(' ')
                    .append(pick(random, ADVERBS)).append(", and then ").append(pick(random, INTRANSITIVE))
                    .append('.');
            case 2 -> out.append(pick(random, TIMES)).append(", ").append(pick(random, NAMES)).append(' ')
                    .append(pick(random, TRANSITIVE)).append(' ').append(pick(random, NUMBERS)).append(' ')
                    .append(pick(random, NOUNS)).append("s ").append(pick(random, PREPOSITIONS)).append(" the ")
                    .append(pick(random, ADJECTIVES)).append(' ').append(pick(random, NOUNS)).append('.');
            case 3 -> out.append('"').append(capitalized("the " + pick(random, NOUNS) + " was "
                            + pick(random, ADJECTIVES))).append(",\" ").append(pick(random, SPEECH)).append(' ')
                    .append(pick(random, NAMES)).append(". \"").append(capitalized(pick(random, NAMES))).append(' ')
                    .append(pick(random, TRANSITIVE)).append(" it ").append(pick(random, ADVERBS)).append(".\"");
            case 4 -> out.append("\"Have you seen the ").append(pick(random, NOUNS)).append(' ')
                    .append(pick(random, PREPOSITIONS)).append(" the ").append(pick(random, NOUNS)).append("?\" ")
                    .append(pick(random, SPEECH)).append(' ').append(pick(random, NAMES)).append('.');
            case 5 -> out.append("it was a ").append(pick(random, ADJECTIVES)).append(" thing, for ")
                    .append(pick(random, NAMES)).append(" had never ").append(pick(random, TRANSITIVE))
                    .append(" a ").append(pick(random, NOUNS)).append(" so ").append(pick(random, ADJECTIVES))
                    .append(" in ").append(pick(random, NUMBERS)).append(" years.");
            case 6 -> out.append("when ").append(pick(random, NAMES)).append(' ').append(pick(random, INTRANSITIVE))
                    .append(", the ").append(pick(random, NOUNS)).append(" ").append(pick(random, PREPOSITIONS))
                    .append(" the ").append(pick(random, NOUNS)).append(" seemed ").append(pick(random, ADJECTIVES))
                    .append(" and ").append(pick(random, ADJECTIVES)).append(';').append(" nobody ")
                    .append(pick(random, TRANSITIVE)).append(" it.");
            default -> out.append(pick(random, NAMES)).append(' ').append(pick(random, INTRANSITIVE)).append(' ')
                    .append(pick(random, ADVERBS)).append(" while ").append(pick(random, NAMES)).append(' ')
                    .append(pick(random, TRANSITIVE)).append(" the ").append(pick(random, NOUNS)).append(" at No. ")
                    .append(1 + random.nextInt(220)).append('.');
        }
        int first = out.charAt(start) == '"' ? start + 1 : start;
        out.setCharAt(first, Character.toUpperCase(out.charAt(first)));
    }

    private static String capitalized(String phrase) {
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String roman(int number) {
        int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
        String[] symbols = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        StringBuilder roman = new StringBuilder();
        int rest = number;
        for (int i = 0; i < values.length; i++) {
            while (rest >= values[i]) {
                roman.append(symbols[i]);
                rest -= values[i];
            }
        }
        return roman.toString();
    }
}
