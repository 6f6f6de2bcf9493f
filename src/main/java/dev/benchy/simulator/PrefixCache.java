package dev.benchy.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * The recent prompts, as token ids, for the longest-prefix match a server's prompt cache performs. Bounded by a
 * count of prompts, least recently used out first. Thread-safe: requests from several event loops share it.
 */
final class PrefixCache {

    private final int capacity;
    private final Deque<int[]> recent = new ArrayDeque<>();

    PrefixCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be 0 or more, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Remembers {@code prompt} and returns how many of its leading tokens were already cached: the longest common
     * prefix with any remembered prompt, or 0 when {@code lookup} is false.
     */
    synchronized int matchAndRemember(int[] prompt, boolean lookup) {
        int longest = lookup ? longestPrefix(prompt) : 0;
        remember(prompt);
        return longest;
    }

    synchronized int size() {
        return recent.size();
    }

    private int longestPrefix(int[] prompt) {
        int longest = 0;
        for (int[] known : recent) {
            int mismatch = Arrays.mismatch(known, prompt);
            int common = mismatch < 0 ? prompt.length : mismatch;
            longest = Math.max(longest, common);
        }
        return longest;
    }

    /** A remembered prompt the new one extends (or repeats) adds nothing, so it is replaced rather than kept. */
    private void remember(int[] prompt) {
        if (capacity == 0) {
            return;
        }
        for (Iterator<int[]> it = recent.iterator(); it.hasNext(); ) {
            int[] known = it.next();
            if (known.length <= prompt.length && Arrays.equals(known, 0, known.length, prompt, 0, known.length)) {
                it.remove();
            }
        }
        recent.addFirst(prompt.clone());
        while (recent.size() > capacity) {
            recent.removeLast();
        }
    }
}
