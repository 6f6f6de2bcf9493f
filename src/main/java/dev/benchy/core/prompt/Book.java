package dev.benchy.core.prompt;

/**
 * A text to cut prompts from and where it came from, so a report can say whether its prompts were prose (the book)
 * or the built-in generated text, which makes speculative decoding look better than it is.
 *
 * @param source the URL or path the text was read from, or {@link GeneratedText#SOURCE}
 * @param text   the text, without Project Gutenberg's header and licence
 */
public record Book(String source, String text) {

    public Book {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must name where the text came from, but was '" + source + "'");
        }
        if (text == null) {
            throw new IllegalArgumentException("text of " + source + " must not be null, but was null");
        }
    }

    /** The built-in generated text, used when no book could be read. */
    public static Book generated() {
        return new Book(GeneratedText.SOURCE, GeneratedText.text());
    }
}
