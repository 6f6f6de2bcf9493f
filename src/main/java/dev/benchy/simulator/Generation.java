package dev.benchy.simulator;

/**
 * The tokens one request generates, in order: first the reasoning tokens (from the cycle), then the content tokens
 * (the cycle continued, or a fixed answer).
 */
final class Generation {

    private final TokenCycle cycle;
    private final TokenText answer;
    private final int reasoning;
    private final int size;

    private Generation(TokenCycle cycle, TokenText answer, int reasoning, int size) {
        this.cycle = cycle;
        this.answer = answer;
        this.reasoning = reasoning;
        this.size = size;
    }

    /** {@code maxTokens} tokens of the cycle, the first {@code reasoning} of them as reasoning. */
    static Generation untilLength(TokenCycle cycle, int reasoning, int maxTokens) {
        return new Generation(cycle, null, Math.min(reasoning, maxTokens), maxTokens);
    }

    /**
     * Reasoning from the cycle, then the answer; the reasoning gives way so the answer fits in {@code maxTokens},
     * and the answer is cut only when it alone does not fit.
     */
    static Generation answering(TokenCycle cycle, TokenText answer, int reasoning, int maxTokens) {
        int thinking = Math.min(reasoning, Math.max(0, maxTokens - answer.size()));
        return new Generation(cycle, answer, thinking, Math.min(maxTokens, thinking + answer.size()));
    }

    int size() {
        return size;
    }

    int reasoningTokens() {
        return reasoning;
    }

    boolean isReasoning(int k) {
        return k < reasoning;
    }

    int id(int k) {
        if (answer != null && k >= reasoning) {
            return answer.id(k - reasoning);
        }
        return cycle.id(k);
    }

    String piece(int k) {
        if (answer != null && k >= reasoning) {
            return answer.piece(k - reasoning);
        }
        return cycle.piece(k);
    }
}
