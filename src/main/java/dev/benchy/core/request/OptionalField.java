package dev.benchy.core.request;

/**
 * The fields benchy adds to a request beyond what the OpenAI API requires, each for a better measurement. A server
 * that refuses one gets requests without it; what benchy then measures differently is {@link #withoutIt()}.
 */
public enum OptionalField {

    /** Per-event generated token ids (vLLM, llama.cpp): exact tg token counts. Streaming requests only. */
    RETURN_TOKEN_IDS("return_token_ids", true,
            "generated tokens are counted from usage.completion_tokens, else by the tokenizer"),
    /** {@code stream_options.include_usage}: the token counts of the server, and its cached prompt tokens. */
    STREAM_OPTIONS("stream_options", true,
            "streams carry no usage: tokens are counted from token_ids, else by the tokenizer, and cache hits are"
                    + " not seen"),
    /** {@code cache_prompt: false} with {@code --no-cache} (llama.cpp). */
    CACHE_PROMPT("cache_prompt", false, "--no-cache relies on the prompt's leading nonce alone");

    private final String key;
    private final boolean streamingOnly;
    private final String withoutIt;

    OptionalField(String key, boolean streamingOnly, String withoutIt) {
        this.key = key;
        this.streamingOnly = streamingOnly;
        this.withoutIt = withoutIt;
    }

    /** Whether the field belongs to streaming requests only (so does an extra body value that replaces it). */
    public boolean streamingOnly() {
        return streamingOnly;
    }

    /** The JSON field name. */
    public String key() {
        return key;
    }

    /** What a measurement without the field gives up, in words for a warning. */
    public String withoutIt() {
        return withoutIt;
    }

    /** The field called {@code key}, or null. */
    public static OptionalField byKey(String key) {
        for (OptionalField field : values()) {
            if (field.key.equals(key)) {
                return field;
            }
        }
        return null;
    }
}
