/**
 * benchy's built-in OpenAI-compatible endpoint with calibrated speeds: the demo target the service benchmarks when
 * no target is configured, and the peer of integration tests. It supersedes llama-benchy's mock server.
 *
 * <p>Decisions a benchmark of it depends on:
 * <ul>
 *   <li>Prompt tokens = Σ over messages of (content tokens + {@code templateTokens}), counted with the injected
 *       tokenizer; prefill takes (prompt − cached) / ppSpeed from the request's arrival (headers received).</li>
 *   <li>Prefix cache: longest common prefix, on token ids (template tokens included, per role), with any of the
 *       {@code cacheCapacity} most recent prompts; at least one prompt token is always processed, as on vLLM and
 *       llama.cpp. {@code cache_prompt: false} skips the lookup, but the prompt is still remembered.</li>
 *   <li>The first token event goes out when prefill ends; event i follows i / tgSpeed later, anchored at the moment
 *       the first token actually went out. So TTFT = prefill time and (last − first) decode rate = tgSpeed events/s,
 *       each carrying {@code mtp} tokens (the last may carry fewer).</li>
 *   <li>Generated text is a sentence chosen per tokenizer so that the joined output re-tokenises to exactly the
 *       tokens sent; the same ids go into {@code token_ids}. The coherence question is answered "Paris".</li>
 *   <li>Every request gets the full speed; concurrent requests do not slow each other down.</li>
 * </ul>
 */
package dev.benchy.simulator;
