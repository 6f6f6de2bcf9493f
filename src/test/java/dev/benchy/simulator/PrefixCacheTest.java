package dev.benchy.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrefixCacheTest {

    @Test
    void matchesTheLongestCommonPrefixOfAnyRememberedPrompt() {
        PrefixCache cache = new PrefixCache(8);
        assertEquals(0, cache.matchAndRemember(new int[] {1, 2, 3, 4}, true));
        assertEquals(0, cache.matchAndRemember(new int[] {9, 9}, true));
        assertEquals(3, cache.matchAndRemember(new int[] {1, 2, 3, 7, 8}, true));
        assertEquals(4, cache.matchAndRemember(new int[] {1, 2, 3, 7, 5}, true));
        assertEquals(1, cache.matchAndRemember(new int[] {9, 1}, true));
    }

    @Test
    void aRepeatedPromptMatchesWhole() {
        PrefixCache cache = new PrefixCache(8);
        cache.matchAndRemember(new int[] {1, 2, 3}, true);
        assertEquals(3, cache.matchAndRemember(new int[] {1, 2, 3}, true));
        assertEquals(1, cache.size());
    }

    @Test
    void aPromptThatExtendsARememberedOneReplacesIt() {
        PrefixCache cache = new PrefixCache(8);
        cache.matchAndRemember(new int[] {1, 2}, true);
        cache.matchAndRemember(new int[] {1, 2, 3}, true);
        assertEquals(1, cache.size());
        assertEquals(3, cache.matchAndRemember(new int[] {1, 2, 3, 4}, true));
    }

    @Test
    void withoutLookupNothingMatchesButThePromptIsStillRemembered() {
        PrefixCache cache = new PrefixCache(8);
        cache.matchAndRemember(new int[] {1, 2, 3}, true);
        assertEquals(0, cache.matchAndRemember(new int[] {1, 2, 3, 4}, false));
        assertEquals(4, cache.matchAndRemember(new int[] {1, 2, 3, 4, 5}, true));
    }

    @Test
    void theLeastRecentlyRememberedPromptGoesFirst() {
        PrefixCache cache = new PrefixCache(2);
        cache.matchAndRemember(new int[] {1}, true);
        cache.matchAndRemember(new int[] {2}, true);
        cache.matchAndRemember(new int[] {3}, true);
        assertEquals(2, cache.size());
        assertEquals(0, cache.matchAndRemember(new int[] {1}, true));
        assertEquals(1, cache.matchAndRemember(new int[] {3}, true));
    }

    @Test
    void capacityZeroRemembersNothing() {
        PrefixCache cache = new PrefixCache(0);
        cache.matchAndRemember(new int[] {1, 2}, true);
        assertEquals(0, cache.matchAndRemember(new int[] {1, 2}, true));
        assertEquals(0, cache.size());
    }
}
