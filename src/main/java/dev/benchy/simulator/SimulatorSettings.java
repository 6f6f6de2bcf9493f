package dev.benchy.simulator;

/**
 * How the simulated inference server behaves. The speeds are what a benchmark run against it should measure, so
 * the simulator doubles as a calibration target: benchy's numbers against it must come back as these numbers.
 *
 * @param ppSpeed         prompt processing speed in tokens per second (uncached prompt tokens only)
 * @param tgSpeed         decode steps per second; each step sends one event
 * @param mtp             tokens per decode step (multi-token prediction); MTP 3 triples tokens per second
 * @param roleFirst       send a role-only event as soon as the request is read, before prefill, as servers do whose
 *                        first response precedes the first token
 * @param reasoningTokens the first N generated tokens go out as {@code reasoning_content}
 * @param templateTokens  tokens the simulated chat template adds to each message
 * @param modelId         the one model served
 * @param cacheCapacity   how many recent prompts the prefix cache keeps (0 disables caching)
 */
public record SimulatorSettings(double ppSpeed, double tgSpeed, int mtp, boolean roleFirst, int reasoningTokens,
                                int templateTokens, String modelId, int cacheCapacity) {

    public static final double DEFAULT_PP_SPEED = 1000;
    public static final double DEFAULT_TG_SPEED = 50;
    public static final String DEFAULT_MODEL_ID = "benchy-sim";
    public static final int DEFAULT_CACHE_CAPACITY = 64;

    public SimulatorSettings {
        requirePositiveSpeed("ppSpeed", ppSpeed);
        requirePositiveSpeed("tgSpeed", tgSpeed);
        if (mtp < 1) {
            throw new IllegalArgumentException("mtp must be at least 1, but was " + mtp);
        }
        requireNotNegative("reasoningTokens", reasoningTokens);
        requireNotNegative("templateTokens", templateTokens);
        requireNotNegative("cacheCapacity", cacheCapacity);
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("modelId must be a non-blank name, but was "
                    + (modelId == null ? "null" : "\"" + modelId + "\""));
        }
    }

    /** The defaults: 1000 prompt tokens/s, 50 decode steps/s, one token per step, no reasoning, no template. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(DEFAULT_PP_SPEED, DEFAULT_TG_SPEED, 1, false, 0, 0, DEFAULT_MODEL_ID,
                DEFAULT_CACHE_CAPACITY);
    }

    public SimulatorSettings withPpSpeed(double value) {
        return new SimulatorSettings(value, tgSpeed, mtp, roleFirst, reasoningTokens, templateTokens, modelId,
                cacheCapacity);
    }

    public SimulatorSettings withTgSpeed(double value) {
        return new SimulatorSettings(ppSpeed, value, mtp, roleFirst, reasoningTokens, templateTokens, modelId,
                cacheCapacity);
    }

    public SimulatorSettings withMtp(int value) {
        return new SimulatorSettings(ppSpeed, tgSpeed, value, roleFirst, reasoningTokens, templateTokens, modelId,
                cacheCapacity);
    }

    public SimulatorSettings withRoleFirst(boolean value) {
        return new SimulatorSettings(ppSpeed, tgSpeed, mtp, value, reasoningTokens, templateTokens, modelId,
                cacheCapacity);
    }

    public SimulatorSettings withReasoningTokens(int value) {
        return new SimulatorSettings(ppSpeed, tgSpeed, mtp, roleFirst, value, templateTokens, modelId,
                cacheCapacity);
    }

    public SimulatorSettings withTemplateTokens(int value) {
        return new SimulatorSettings(ppSpeed, tgSpeed, mtp, roleFirst, reasoningTokens, value, modelId,
                cacheCapacity);
    }

    public SimulatorSettings withModelId(String value) {
        return new SimulatorSettings(ppSpeed, tgSpeed, mtp, roleFirst, reasoningTokens, templateTokens, value,
                cacheCapacity);
    }

    public SimulatorSettings withCacheCapacity(int value) {
        return new SimulatorSettings(ppSpeed, tgSpeed, mtp, roleFirst, reasoningTokens, templateTokens, modelId,
                value);
    }

    private static void requirePositiveSpeed(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be greater than 0, but was " + plain(value));
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, but was " + plain(value));
        }
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
        }
    }

    /** -1.0 reads as "-1": the value the way a person typed it. */
    private static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
