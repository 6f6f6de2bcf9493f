package dev.benchy.core.run;

/**
 * The answer to a non-streaming request (warmup, coherence test).
 *
 * @param httpStatus   the response status, 0 when none arrived
 * @param content      {@code choices[0].message.content}, "" when absent or null
 * @param reasoning    {@code reasoning} or {@code reasoning_content}, "" when absent or null
 * @param promptTokens {@code usage.prompt_tokens}, or {@link dev.benchy.core.stream.RequestTrace#ABSENT}
 * @param hasChoices   whether {@code choices} was a non-empty array
 * @param error        what went wrong (connection, status, unparseable body), or null
 */
public record ChatCompletion(int httpStatus, String content, String reasoning, int promptTokens,
                             boolean hasChoices, String error) {

    public boolean ok() {
        return error == null;
    }
}
