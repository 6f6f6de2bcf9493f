package dev.benchy.service.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forms each kind of value is written in, and the words for one that is not. */
class ConfigValuesTest {

    private final List<String> problems = new ArrayList<>();
    private final ConfigValues values = new ConfigValues(problems);

    @Test
    void durationsAsPeopleWriteThemAndAsQuarkusReadsThem() {
        assertEquals(Duration.ofSeconds(30), ConfigValues.parseDuration("30s"));
        assertEquals(Duration.ofMinutes(15), ConfigValues.parseDuration("15m"));
        assertEquals(Duration.ofMinutes(90), ConfigValues.parseDuration("1h30m"));
        assertEquals(Duration.ofMillis(500), ConfigValues.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(90), ConfigValues.parseDuration("1m30s"));
        assertEquals(Duration.ofDays(2), ConfigValues.parseDuration("2d"));
        assertEquals(Duration.ofSeconds(45), ConfigValues.parseDuration("45"), "a plain number is seconds");
        assertEquals(Duration.ofMinutes(15), ConfigValues.parseDuration("PT15M"));
        for (String wrong : List.of("15 minutes", "every 5 minutes", "15min", "m", "1.5h", "30s15m", "PT")) {
            assertNull(ConfigValues.parseDuration(wrong), wrong);
        }
    }

    @Test
    void aValueThatIsNotOfItsKindIsAProblemNamingTheFormsAndReadsAsAbsent() {
        assertEquals(Optional.empty(), values.duration("k.schedule", Optional.of("15 minutes")));
        assertEquals(Optional.empty(), values.wholeNumber("k.runs", Optional.of("abc")));
        assertEquals(Optional.empty(), values.wholeNumber("k.runs", Optional.of("3000000000")));
        assertEquals(Optional.empty(), values.trueOrFalse("k.warmup", Optional.of("ture")));
        assertEquals(Optional.empty(), values.wholeNumbers("k.pp", Optional.of(List.of("512", "2k", "x"))));
        assertEquals(List.of(
                "k.schedule: must be a duration such as 30s, 15m, 1h or 1h30m, but was 15 minutes",
                "k.runs: must be a whole number, but was abc",
                "k.runs: must be a whole number, but was 3000000000",
                "k.warmup: must be true or false, but was ture",
                "k.pp: values must be whole numbers, but was 2k",
                "k.pp: values must be whole numbers, but was x"), problems);
    }

    @Test
    void goodValuesAreRead() {
        assertEquals(Optional.of(3), values.wholeNumber("k", Optional.of(" 3 ")));
        assertEquals(Optional.of(List.of(512, 2048)), values.wholeNumbers("k", Optional.of(List.of("512", "2048"))));
        assertEquals(Optional.of(true), values.trueOrFalse("k", Optional.of("TRUE")));
        assertEquals(Optional.of(false), values.trueOrFalse("k", Optional.of("off")));
        assertEquals(Optional.of(-7L), values.longNumber("k", Optional.of("-7")));
        assertEquals(Optional.empty(), values.wholeNumber("k", Optional.empty()));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aTypoIsMatchedToTheNearestKnownWordOnlyWhenNear() {
        assertEquals(Optional.of("benchy"), Spelling.nearest("benchi", ConfigFiles.ROOTS));
        assertEquals(Optional.of("schedule"), Spelling.nearest("schedul", List.of("deadline", "schedule")));
        assertEquals(Optional.of("base-url"), Spelling.nearest("Base_URL", List.of("base-url", "book-url")));
        assertEquals(Optional.empty(), Spelling.nearest("prompt-size", List.of("pp", "tg", "post-run-cmd")));
        assertEquals(Optional.empty(), Spelling.nearest("version", ConfigFiles.ROOTS));
    }
}
