package dev.benchy.core.stream;

/**
 * What one streamed {@code chat.completion.chunk} event says that matters to a measurement, and nothing else.
 *
 * <p>It is a mutable holder that {@link ChatChunkParser} clears and refills for every event of a stream, so the
 * read loop allocates no object per event: the text fields are reused {@link StringBuilder}s exposed as
 * {@link CharSequence}s, valid only until the next parse. Consumers copy what they keep (the
 * {@link StreamRecorder} appends the text to its own buffer). Not thread-safe; one per stream.
 *
 * <p>Text fields are empty when the server sent null, nothing, or a non-string value. Counts are
 * {@link RequestTrace#ABSENT} when absent, null, negative or not an integer.
 */
public final class ChatChunk {

    private boolean hasChoices;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoningContent = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder toolCallText = new StringBuilder();
    private boolean toolCall;
    private int tokenIds = RequestTrace.ABSENT;
    private String finishReason;
    private boolean hasUsage;
    private int promptTokens = RequestTrace.ABSENT;
    private int completionTokens = RequestTrace.ABSENT;
    private int usageCachedTokens = RequestTrace.ABSENT;
    private int timingsCachedTokens = RequestTrace.ABSENT;
    private String error;

    /** Forgets the previous event. */
    public void clear() {
        hasChoices = false;
        content.setLength(0);
        reasoningContent.setLength(0);
        reasoning.setLength(0);
        toolCallText.setLength(0);
        toolCall = false;
        tokenIds = RequestTrace.ABSENT;
        finishReason = null;
        hasUsage = false;
        promptTokens = RequestTrace.ABSENT;
        completionTokens = RequestTrace.ABSENT;
        usageCachedTokens = RequestTrace.ABSENT;
        timingsCachedTokens = RequestTrace.ABSENT;
        error = null;
    }

    /** {@code choices} was a non-empty array: this event counts for TTFR, even with a role-only or empty delta. */
    public boolean hasChoices() {
        return hasChoices;
    }

    /** {@code choices[0].delta.content}. */
    public CharSequence content() {
        return content;
    }

    public boolean hasContent() {
        return content.length() > 0;
    }

    /**
     * {@code choices[0].delta.reasoning_content}, or {@code reasoning} when that is empty. Some servers send both
     * with the same text; taking one keeps the text from being counted twice.
     */
    public CharSequence reasoning() {
        return reasoningContent.length() > 0 ? reasoningContent : reasoning;
    }

    public boolean hasReasoning() {
        return reasoningContent.length() > 0 || reasoning.length() > 0;
    }

    /** {@code choices[0].delta.tool_calls} was a non-empty array. */
    public boolean hasToolCall() {
        return toolCall;
    }

    /** The function names and argument fragments of the tool-call deltas, joined, for the tokenizer fallback. */
    public CharSequence toolCallText() {
        return toolCallText;
    }

    /**
     * Length of the {@code token_ids} list of {@code choices[0]} (or of its delta), or ABSENT when there was none.
     * Zero for an empty list.
     */
    public int tokenIds() {
        return tokenIds;
    }

    /**
     * The event carries generated output: content, reasoning, a tool call, or a non-empty {@code token_ids} list
     * (a token the server generated but rendered as no text still took generation time).
     */
    public boolean carriesOutput() {
        return hasContent() || hasReasoning() || toolCall || tokenIds > 0;
    }

    /** {@code choices[0].finish_reason}, or null. */
    public String finishReason() {
        return finishReason;
    }

    /** {@code usage} was a JSON object (SGLang sends {@code usage: null} on every event; that is not usage). */
    public boolean hasUsage() {
        return hasUsage;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int completionTokens() {
        return completionTokens;
    }

    /**
     * Prompt tokens the server reused from its cache: {@code usage.prompt_tokens_details.cached_tokens}, else
     * llama.cpp's top-level {@code timings.cache_n}, else ABSENT.
     */
    public int cachedTokens() {
        return usageCachedTokens != RequestTrace.ABSENT ? usageCachedTokens : timingsCachedTokens;
    }

    /** The message of a top-level {@code error} the server sent inside the stream, or null. */
    public String error() {
        return error;
    }

    void markChoices() {
        hasChoices = true;
    }

    StringBuilder contentBuffer() {
        return content;
    }

    StringBuilder reasoningContentBuffer() {
        return reasoningContent;
    }

    StringBuilder reasoningBuffer() {
        return reasoning;
    }

    StringBuilder toolCallTextBuffer() {
        return toolCallText;
    }

    void markToolCall() {
        toolCall = true;
    }

    void tokenIds(int count) {
        tokenIds = count;
    }

    void finishReason(String reason) {
        finishReason = reason;
    }

    void markUsage() {
        hasUsage = true;
    }

    void promptTokens(int count) {
        promptTokens = count;
    }

    void completionTokens(int count) {
        completionTokens = count;
    }

    void usageCachedTokens(int count) {
        usageCachedTokens = count;
    }

    void timingsCachedTokens(int count) {
        timingsCachedTokens = count;
    }

    void error(String message) {
        error = message;
    }

    @Override
    public String toString() {
        return "ChatChunk[choices=" + hasChoices + ", content=" + content.length() + " chars, reasoning="
                + reasoning().length() + " chars, toolCall=" + toolCall + ", tokenIds=" + tokenIds
                + ", finishReason=" + finishReason + ", usage=" + hasUsage + ", promptTokens=" + promptTokens
                + ", completionTokens=" + completionTokens + ", cachedTokens=" + cachedTokens()
                + ", error=" + error + "]";
    }
}
