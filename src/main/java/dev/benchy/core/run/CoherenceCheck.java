package dev.benchy.core.run;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Asks the model one question with a known one-word answer before measuring anything, so a benchmark of a broken
 * deployment (wrong model, garbage output) fails loudly instead of producing fast nonsense (spec §6).
 */
final class CoherenceCheck {

    static final String QUESTION = "What is the capital of France? Please reply with one word only";

    /** Room for a thinking model to reason before it answers (llama-benchy's 100 truncates them). */
    static final int MAX_TOKENS = 256;

    private static final Pattern ANSWER = Pattern.compile("\\bparis\\b");

    private CoherenceCheck() {
    }

    static void run(RequestSender requests, String servedModel) {
        ChatCompletion answer = requests.complete(
                ChatRequest.blocking(servedModel, List.of(Message.user(QUESTION)), MAX_TOKENS));
        if (!answer.ok()) {
            throw new BenchmarkFailure("Coherence test failed: " + answer.error());
        }
        if (!answer.hasChoices()) {
            throw new BenchmarkFailure("Coherence test failed: the response had no choices");
        }
        String said = (answer.content() + " " + answer.reasoning()).toLowerCase(Locale.ROOT);
        if (!ANSWER.matcher(said).find()) {
            throw new BenchmarkFailure("Coherence test failed: asked for the capital of France, the model said '"
                    + abbreviate(answer.content().isBlank() ? answer.reasoning() : answer.content()) + "'");
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
