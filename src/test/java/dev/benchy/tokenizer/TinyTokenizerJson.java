package dev.benchy.tokenizer;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the test fixture {@code src/test/resources/tokenizer/tokenizer.json}: a tiny byte-level BPE tokenizer in
 * Hugging Face's format (GPT-2's design: ByteLevel pre-tokenizer, decoder and post-processor), so the DJL adapter
 * can be tested offline. The vocabulary is the 256 byte symbols plus {@value #MERGES} merges learnt here by
 * plain BPE training on {@link #TRAINING_TEXT}. Deterministic: the same file on every run.
 *
 * <p>Regenerate with {@code mvn -o -q test -Dtest=TinyTokenizerFixtureTest -Dbenchy.fixtures.update=true}.
 */
final class TinyTokenizerJson {

    static final int MERGES = 96;

    /** Plain English, written for this fixture; its frequent pairs become the merges. */
    static final String TRAINING_TEXT = """
            The morning was grey and the street was quiet when the letter arrived. She read it twice at the \
            window, then folded it and put it in the pocket of her coat. There was nothing in it that she had \
            not expected, and yet the words seemed heavier than the paper they were written on. In the house \
            across the road a lamp was still burning, and the clock in the hall struck seven. She thought of \
            the train, of the station, of the long walk from the gate to the river, and of the man who would \
            be waiting there with his hat in his hands. It was the third time that he had written to her, and \
            the third time that she had not answered. The kettle began to sing in the kitchen. Outside, the \
            rain started again, thin and patient, as if it had all the time in the world. She went to the \
            table, sat down, and began to write, slowly at first and then faster, until the page was full and \
            the tea beside her had gone cold. When she had finished she read what she had written, and for \
            the first time in weeks she smiled.
            """;

    /** GPT-2's pre-tokenisation pattern, which the ByteLevel pre-tokenizer applies with use_regex. */
    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

    private TinyTokenizerJson() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/tokenizer/tokenizer.json");
        Files.writeString(out, json(), StandardCharsets.UTF_8);
    }

    /** The fixture's full text. */
    static String json() throws IOException {
        String[] byteSymbol = byteSymbols();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(byteSymbol[b], b);
        }
        List<String> merges = train(byteSymbol, vocab);

        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", false);
        byteLevel.put("use_regex", true);

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", merges);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", List.of());
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel);
        root.put("post_processor", byteLevel);
        root.put("decoder", byteLevel);
        root.put("model", model);

        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
    }

    /** Byte-pair merges, most frequent pair first; ties go to the alphabetically first pair. */
    private static List<String> train(String[] byteSymbol, Map<String, Integer> vocab) {
        Map<List<String>, Integer> words = new LinkedHashMap<>();
        Matcher pieces = GPT2_SPLIT.matcher(TRAINING_TEXT.strip());
        while (pieces.find()) {
            List<String> symbols = new ArrayList<>();
            for (byte b : pieces.group().getBytes(StandardCharsets.UTF_8)) {
                symbols.add(byteSymbol[b & 0xFF]);
            }
            words.merge(symbols, 1, Integer::sum);
        }
        List<String> merges = new ArrayList<>();
        while (merges.size() < MERGES) {
            Map<String, Integer> pairs = new HashMap<>();
            words.forEach((symbols, count) -> {
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairs.merge(symbols.get(i) + " " + symbols.get(i + 1), count, Integer::sum);
                }
            });
            String best = pairs.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the training text must have pairs left, but had none"));
            merges.add(best);
            String left = best.substring(0, best.indexOf(' '));
            String right = best.substring(best.indexOf(' ') + 1);
            vocab.putIfAbsent(left + right, vocab.size());
            Map<List<String>, Integer> merged = new LinkedHashMap<>();
            words.forEach((symbols, count) -> merged.merge(mergePair(symbols, left, right), count, Integer::sum));
            words = merged;
        }
        return merges;
    }

    private static List<String> mergePair(List<String> symbols, String left, String right) {
        List<String> out = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                out.add(left + right);
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }

    /**
     * GPT-2's reversible map from bytes to printable characters: printable Latin-1 bytes stand for themselves, the
     * others (controls, space, ...) get code points from U+0100 on, in byte order.
     */
    static String[] byteSymbols() {
        String[] symbols = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            symbols[b] = new String(Character.toChars(printable ? b : next++));
        }
        return symbols;
    }
}
