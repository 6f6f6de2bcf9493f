package dev.benchy.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatorSettingsTest {

    private final SimulatorSettings defaults = SimulatorSettings.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new SimulatorSettings(1000, 50, 1, false, 0, 0, "benchy-sim", 64), defaults);
    }

    @Test
    void withersChangeOneSettingEach() {
        SimulatorSettings changed = defaults.withPpSpeed(2000).withTgSpeed(80).withMtp(3).withRoleFirst(true)
                .withReasoningTokens(4).withTemplateTokens(5).withModelId("m").withCacheCapacity(2);
        assertEquals(new SimulatorSettings(2000, 80, 3, true, 4, 5, "m", 2), changed);
    }

    @Test
    void speedsMustBePositive() {
        assertMessage("ppSpeed must be greater than 0, but was -1", () -> defaults.withPpSpeed(-1));
        assertMessage("tgSpeed must be greater than 0, but was 0", () -> defaults.withTgSpeed(0));
        assertMessage("tgSpeed must be greater than 0, but was -0.5", () -> defaults.withTgSpeed(-0.5));
        assertMessage("ppSpeed must be greater than 0, but was NaN", () -> defaults.withPpSpeed(Double.NaN));
        assertMessage("ppSpeed must be a finite number, but was Infinity",
                () -> defaults.withPpSpeed(Double.POSITIVE_INFINITY));
    }

    @Test
    void countsMustNotBeNegative() {
        assertMessage("mtp must be at least 1, but was 0", () -> defaults.withMtp(0));
        assertMessage("reasoningTokens must be 0 or more, but was -1", () -> defaults.withReasoningTokens(-1));
        assertMessage("templateTokens must be 0 or more, but was -2", () -> defaults.withTemplateTokens(-2));
        assertMessage("cacheCapacity must be 0 or more, but was -3", () -> defaults.withCacheCapacity(-3));
    }

    @Test
    void modelIdMustBeNamed() {
        assertMessage("modelId must be a non-blank name, but was \" \"", () -> defaults.withModelId(" "));
        assertMessage("modelId must be a non-blank name, but was null", () -> defaults.withModelId(null));
    }

    private static void assertMessage(String expected, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertEquals(expected, e.getMessage());
    }
}
