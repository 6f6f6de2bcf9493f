package dev.benchy.simulator;

import dev.benchy.core.prompt.Tokenizer;

import java.util.List;
import java.util.Optional;

/**
 * The endless token stream the simulator generates: a short sentence repeated. It is chosen for the tokenizer at
 * hand so that the joined output of any length re-tokenises to exactly as many tokens as were sent, which lets a
 * client that counts text (rather than {@code token_ids}) measure the same rate.
 *
 * <p>The first round of the sentence may read differently from the following ones (a tokenizer may drop the
 * leading space of the very first token), so both are kept.
 */
final class TokenCycle {

    /** Plain ASCII sentences, tried in order; the first that passes the checks for the tokenizer is used. */
    static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            " the quick brown fox jumps over the lazy dog",
            " one two three four five six seven eight nine ten",
            " a b c d e f g h");

    /** Rounds of the sentence whose every prefix is checked; later rounds repeat the last checked one. */
    private static final int CHECKED_ROUNDS = 3;

    private final int length;
    private final TokenText rounds;

    private TokenCycle(int length, TokenText rounds) {
        this.length = length;
        this.rounds = rounds;
    }

    static TokenCycle fitting(Tokenizer tokenizer) {
        for (String sentence : SENTENCES) {
            Optional<TokenCycle> cycle = of(tokenizer, sentence);
            if (cycle.isPresent()) {
                return cycle.get();
            }
        }
        throw new IllegalArgumentException("tokenizer must count the joined text of a repeated sentence as the "
                + "tokens it was made of, but " + tokenizer.name() + " did not for any of " + SENTENCES);
    }

    /** The cycle of one sentence, or empty when some prefix of its repetition re-tokenises to another count. */
    static Optional<TokenCycle> of(Tokenizer tokenizer, String sentence) {
        int[] once = tokenizer.encode(sentence);
        if (once.length == 0) {
            return Optional.empty();
        }
        int[] repeated = new int[once.length * CHECKED_ROUNDS];
        for (int round = 0; round < CHECKED_ROUNDS; round++) {
            System.arraycopy(once, 0, repeated, round * once.length, once.length);
        }
        Optional<TokenText> text = TokenText.decode(tokenizer, repeated);
        if (text.isEmpty() || !roundsRepeat(text.get(), once.length)) {
            return Optional.empty();
        }
        StringBuilder joined = new StringBuilder();
        for (int n = 1; n <= repeated.length; n++) {
            joined.append(text.get().piece(n - 1));
            if (tokenizer.count(joined.toString()) != n) {
                return Optional.empty();
            }
        }
        return Optional.of(new TokenCycle(once.length, text.get()));
    }

    /** From the second round on, every round must read the same, so the checked rounds stand for all later ones. */
    private static boolean roundsRepeat(TokenText text, int length) {
        for (int i = length; i < text.size() - length; i++) {
            if (!text.piece(i).equals(text.piece(i + length))) {
                return false;
            }
        }
        return true;
    }

    /** Token id at position {@code k} of the generated stream. */
    int id(long k) {
        return rounds.id(index(k));
    }

    /** The text token {@code k} adds to the generated stream. */
    String piece(long k) {
        return rounds.piece(index(k));
    }

    private int index(long k) {
        if (k < length) {
            return (int) k;
        }
        return length + (int) (k % length);
    }
}
