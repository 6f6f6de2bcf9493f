package dev.benchy.core.run;

import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.stream.RequestTrace;

import java.util.List;
import java.util.function.Consumer;

/**
 * The chat template's cost in tokens, as the server counts it: what a user-only request adds on top of its text
 * ({@code user}), and what a system message plus a minimal user turn add ({@code context}). Measured by two small
 * non-streaming warm-up requests (spec §5); prompts are then shortened by these amounts so that the server-side
 * prompt size is what the plan asks for. {@code measured} is false when the server said nothing of its counts (no
 * probes, or no usage in their answers): the overhead is then unknown, not 0.
 */
public record TemplateOverhead(int user, int context, boolean measured) {

    public static final TemplateOverhead NONE = new TemplateOverhead(0, 0, false);

    /** The text of the warm-up probes: "Warmup " ten times, as llama-benchy. */
    static final String PROBE_TEXT = "Warmup ".repeat(10);

    /** The user turn that goes with a system-only probe; some servers reject an empty one. */
    static final String MINIMAL_USER_TURN = ".";

    /**
     * Sends the two probes and derives the overhead. A probe whose response has no usage adds no overhead
     * (with a warning); a probe that fails stops the run.
     */
    static TemplateOverhead measure(RequestSender requests, String servedModel, Tokenizer tokenizer,
                                    Consumer<String> warnings) {
        int probeTokens = tokenizer.count(PROBE_TEXT);
        ChatCompletion userProbe = requests.complete(
                ChatRequest.blocking(servedModel, List.of(Message.user(PROBE_TEXT)), 1));
        requireOk(userProbe);
        int user = 0;
        if (userProbe.promptTokens() == RequestTrace.ABSENT) {
            warnings.accept("Warm-up response carried no usage.prompt_tokens: prompts are not adapted to the"
                    + " chat template (no usage stats found)");
        } else {
            user = userProbe.promptTokens() - probeTokens;
        }
        ChatCompletion contextProbe = requests.complete(ChatRequest.blocking(servedModel,
                List.of(Message.system(PROBE_TEXT), Message.user(MINIMAL_USER_TURN)), 1));
        requireOk(contextProbe);
        int context = user;
        if (contextProbe.promptTokens() != RequestTrace.ABSENT) {
            context = contextProbe.promptTokens() - probeTokens - tokenizer.count(MINIMAL_USER_TURN);
        }
        return new TemplateOverhead(user, context, userProbe.promptTokens() != RequestTrace.ABSENT);
    }

    private static void requireOk(ChatCompletion completion) {
        if (!completion.ok()) {
            throw new BenchmarkFailure("Warmup failed: " + completion.error());
        }
    }

    /** The prompt size to send so that the server sees {@code pp} tokens (depth 0 only; spec §5.2). */
    int adaptPrompt(int pp, int depth) {
        return depth == 0 ? Math.max(1, pp - user) : pp;
    }

    /** The context size to send so that the server sees {@code depth + pp} tokens in all. */
    int adaptDepth(int depth) {
        return depth == 0 ? 0 : Math.max(1, depth - context);
    }

    /**
     * The prompt tokens the server should count for a request of this many text tokens: a user message alone, or
     * a system message ({@code systemTokens} above 0) and a user message, each with its template around it.
     * {@link RequestTrace#ABSENT} when the overhead was not measured.
     */
    int serverCount(int systemTokens, int userTokens) {
        if (!measured) {
            return RequestTrace.ABSENT;
        }
        return systemTokens > 0 ? systemTokens + userTokens + context : userTokens + user;
    }
}
