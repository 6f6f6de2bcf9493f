package dev.benchy.simulator;

import dev.benchy.core.prompt.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One token per whitespace-separated word, ids in order of first sight; decode joins words with one space. */
final class WordTokenizer implements Tokenizer {

    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> words = new ArrayList<>();

    @Override
    public String name() {
        return "words";
    }

    @Override
    public int[] encode(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] parts = trimmed.split("\\s+");
        int[] result = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = id(parts[i]);
        }
        return result;
    }

    @Override
    public String decode(int[] tokenIds) {
        StringBuilder text = new StringBuilder();
        for (int id : tokenIds) {
            if (text.length() > 0) {
                text.append(' ');
            }
            synchronized (words) {
                text.append(words.get(id));
            }
        }
        return text.toString();
    }

    private int id(String word) {
        return ids.computeIfAbsent(word, w -> {
            synchronized (words) {
                words.add(w);
                return words.size() - 1;
            }
        });
    }
}
