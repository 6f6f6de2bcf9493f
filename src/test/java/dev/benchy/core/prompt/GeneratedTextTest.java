package dev.benchy.core.prompt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedTextTest {

    @Test
    void isTheSameTextOnEveryCall() {
        assertEquals(GeneratedText.text(), GeneratedText.text());
    }

    @Test
    void isAboutTheSizeOfTheBookAndEndsAtAParagraph() {
        String text = GeneratedText.text();

        assertTrue(text.length() >= GeneratedText.DEFAULT_LENGTH, () -> "only " + text.length() + " characters");
        assertTrue(text.length() < GeneratedText.DEFAULT_LENGTH + 5_000, () -> text.length() + " characters");
        assertTrue(text.startsWith("CHAPTER I. THE "), () -> text.substring(0, 40));
        assertTrue(text.endsWith(".\n\n") || text.endsWith(".\"\n\n"), () -> text.substring(text.length() - 40));
    }

    @Test
    void aShorterTextIsAPrefixOfALongerOne() {
        String shorter = GeneratedText.text(10_000);

        assertTrue(shorter.length() >= 10_000);
        assertTrue(GeneratedText.text().startsWith(shorter));
    }

    @Test
    void isPlainEnglishLikeAscii() {
        String text = GeneratedText.text(50_000);

        assertTrue(text.chars().allMatch(c -> c == '\n' || (c >= ' ' && c < 127)), "only printable ASCII and \\n");
        assertTrue(text.split("\\s+").length > 7_000, "words separated by spaces");
    }

    @Test
    void windowsDoNotRepeat() {
        // any 300-character stretch should occur once: a prompt window never repeats itself verbatim
        String text = GeneratedText.text();
        for (int start = 0; start + 300 <= text.length(); start += 29_989) {
            String stretch = text.substring(start, start + 300);
            assertEquals(text.indexOf(stretch), text.lastIndexOf(stretch), "repeated stretch at " + start);
        }
    }

    @Test
    void theLengthMustBePositive() {
        assertEquals("minLength must be 1 or more, but was 0",
                assertThrows(IllegalArgumentException.class, () -> GeneratedText.text(0)).getMessage());
    }
}
