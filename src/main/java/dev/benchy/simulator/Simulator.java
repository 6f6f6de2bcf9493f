package dev.benchy.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.NanoClock;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.run.Message;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible inference server with calibrated speeds, free of any transport: it decides what a request
 * is answered with and when, and keeps the statistics of what was actually sent. A demo target for newcomers and a
 * test peer whose true speeds are known, so a benchmark run against it can be checked. {@link SimulatorHandler}
 * puts it on HTTP.
 *
 * <p>It counts tokens with the same {@link Tokenizer} machinery benchy measures with, so prompt sizes agree. Every
 * request gets the full configured speed: concurrent requests do not slow each other down.
 */
public final class Simulator {

    /** Any message containing this (ignoring case) is llama-benchy's coherence question, answered correctly. */
    static final String COHERENCE_MARK = "capital of france";
    static final String COHERENCE_ANSWER = "Paris";

    private final SimulatorSettings settings;
    private final Tokenizer tokenizer;
    private final NanoClock clock;
    private final Clock wallClock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final TokenCycle cycle;
    private final TokenText answer;
    private final PrefixCache cache;
    private final SimulatorStats stats = new SimulatorStats(SimulatorStats.DEFAULT_CAPACITY);
    private final AtomicLong completions = new AtomicLong();

    /**
     * @throws IllegalArgumentException when the tokenizer cannot decode the generated text so that it re-tokenises
     *                                  to the tokens sent
     */
    public Simulator(SimulatorSettings settings, Tokenizer tokenizer, NanoClock clock) {
        this(settings, tokenizer, clock, Clock.systemUTC());
    }

    /** As above, with the wall clock for the {@code created} field given (for exact output in tests). */
    public Simulator(SimulatorSettings settings, Tokenizer tokenizer, NanoClock clock, Clock wallClock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.cycle = TokenCycle.fitting(tokenizer);
        this.answer = TokenText.decode(tokenizer, tokenizer.encode(COHERENCE_ANSWER))
                .orElseThrow(() -> new IllegalArgumentException("tokenizer must decode \"" + COHERENCE_ANSWER
                        + "\" token by token, but " + tokenizer.name() + " did not"));
        this.cache = new PrefixCache(settings.cacheCapacity());
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** What was actually sent; also served at {@code /v1/simulator/stats}. */
    public SimulatorStats stats() {
        return stats;
    }

    NanoClock clock() {
        return clock;
    }

    String modelsJson() {
        return OpenAiWire.models(settings.modelId());
    }

    /**
     * Reads a chat completion request that arrived at {@code arrivalNanos} and decides its answer and schedule.
     * Remembers the prompt in the prefix cache.
     *
     * @throws InvalidRequestException when the body is not a valid request
     */
    Completion plan(byte[] body, long arrivalNanos) {
        ChatCall call = ChatCall.parse(body, mapper);
        int[] prompt = promptTokenIds(call.messages());
        int matched = cache.matchAndRemember(prompt, call.cachePrompt());
        int cached = Math.max(0, Math.min(matched, prompt.length - 1));
        Generation generation = asksCoherence(call.messages())
                ? Generation.answering(cycle, answer, settings.reasoningTokens(), call.reply().maxTokens())
                : Generation.untilLength(cycle, settings.reasoningTokens(), call.reply().maxTokens());
        Schedule schedule = Schedule.of(arrivalNanos, prompt.length - cached, generation.size(), settings);
        return new Completion("chatcmpl-sim-" + completions.incrementAndGet(), wallClock.millis() / 1000,
                settings.modelId(), call.reply(), prompt.length, cached, generation, schedule, settings.roleFirst());
    }

    /**
     * The whole prompt as the simulated server sees it: per message, its template tokens then its content tokens.
     * Template tokens get negative ids (never a real token) that depend on the role, so a changed role breaks a
     * prefix as it would on a real server.
     */
    int[] promptTokenIds(List<Message> messages) {
        int template = settings.templateTokens();
        int[][] contents = new int[messages.size()][];
        int length = 0;
        for (int i = 0; i < contents.length; i++) {
            contents[i] = tokenizer.encode(messages.get(i).content());
            length += template + contents[i].length;
        }
        int[] ids = new int[length];
        int at = 0;
        for (int i = 0; i < contents.length; i++) {
            int roleSeed = messages.get(i).role().hashCode();
            for (int j = 0; j < template; j++) {
                ids[at++] = -1 - Math.floorMod(31 * roleSeed + j, Integer.MAX_VALUE);
            }
            System.arraycopy(contents[i], 0, ids, at, contents[i].length);
            at += contents[i].length;
        }
        return ids;
    }

    private static boolean asksCoherence(List<Message> messages) {
        for (Message m : messages) {
            if (m.content().toLowerCase(Locale.ROOT).contains(COHERENCE_MARK)) {
                return true;
            }
        }
        return false;
    }
}
