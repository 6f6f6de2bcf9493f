package dev.benchy.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScheduleTest {

    @Test
    void prefillRunsFromArrivalAtPromptSpeedOverUncachedTokens() {
        SimulatorSettings settings = SimulatorSettings.defaults().withPpSpeed(2000);
        Schedule schedule = Schedule.of(5_000, 500, 10, settings);
        assertEquals(5_000 + 250_000_000L, schedule.prefillEndNanos());
    }

    @Test
    void firstTokenIsDueAtPrefillEndAndEachNextOneStepLater() {
        Schedule schedule = Schedule.of(0, 100, 4, SimulatorSettings.defaults());
        assertEquals(4, schedule.events());
        assertEquals(100_000_000L, schedule.dueNanos(0));
        assertEquals(120_000_000L, schedule.dueNanos(1));
        assertEquals(160_000_000L, schedule.dueNanos(3));
        assertEquals(160_000_000L, schedule.lastDueNanos());
        assertEquals(60_000_000L, schedule.decodeOffsetNanos(3));
    }

    @Test
    void dueTimesAreAbsoluteSoRoundingNeverAccumulates() {
        Schedule schedule = Schedule.of(0, 0, 3001, SimulatorSettings.defaults().withTgSpeed(3));
        assertEquals(333_333_333L, schedule.dueNanos(1));
        assertEquals(1_000_000_000_000L, schedule.dueNanos(3000));
    }

    @Test
    void multiTokenStepsCarryMtpTokensAndTheLastOneTheRest() {
        Schedule schedule = Schedule.of(0, 0, 10, SimulatorSettings.defaults().withMtp(3));
        assertEquals(4, schedule.events());
        assertEquals(3, schedule.tokensIn(0));
        assertEquals(6, schedule.firstToken(2));
        assertEquals(3, schedule.tokensIn(2));
        assertEquals(9, schedule.firstToken(3));
        assertEquals(1, schedule.tokensIn(3));
    }
}
