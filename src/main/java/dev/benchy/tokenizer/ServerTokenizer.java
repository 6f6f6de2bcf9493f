package dev.benchy.tokenizer;

import dev.benchy.core.prompt.OffsetTokenizer;
import dev.benchy.core.prompt.TokenOffsets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The target server's own tokenizer, asked over HTTP: exact counts when no tokenizer file can be loaded (a GGUF path
 * as the model id, a gated model, no hub access). {@link #probe} finds which family answers at the server root
 * ({@link ServerDialect}: llama.cpp, vLLM, SGLang, TGI); the book is then tokenised in a few large calls (split on
 * paragraph breaks) and each token placed in the text, so that windows are cut from the book at token boundaries.
 *
 * <p>All of it happens while prompts are prepared: never between a request's start stamp and its last byte. Methods
 * block the calling thread (never an event loop) and throw {@link UncheckedIOException} when the server fails them.
 * Thread-safe.
 */
public final class ServerTokenizer implements OffsetTokenizer, AutoCloseable {

    /** Characters of text sent per {@code /tokenize} call: the default book goes in three. */
    public static final int MAX_CHARS_PER_CALL = 200_000;
    /** A call refused for its size is split in two until its text is this short. */
    static final int MIN_CHARS_PER_CALL = 4_096;
    /** What the probe tokenises. */
    static final String PROBE_TEXT = "Hello world: benchy counts tokens as the server does.";

    /**
     * Where a target's own tokenizer may be asked.
     *
     * @param baseUrl the target's OpenAI-compatible base URL; the tokenizer endpoints are at its root
     * @param apiKey  sent as a Bearer token ("EMPTY" or null for none); never shown
     * @param model   the name the server serves the model as (vLLM checks it)
     * @param timeout how long one call may take
     */
    public record Target(String baseUrl, String apiKey, String model, Duration timeout) {

        /** The server root: the base URL without its query and without a trailing {@code /v1}. */
        public String root() {
            return ServerTokenizer.root(baseUrl);
        }

        /** Never prints the api key. */
        @Override
        public String toString() {
            return "Target[root=" + root() + ", model=" + model + ", timeout=" + timeout + "]";
        }
    }

    /** The server's tokenizer cannot be used, and why, in one line. */
    public static final class Unavailable extends IOException {
        private final boolean lasting;

        Unavailable(String message, boolean lasting) {
            super(message);
            this.lasting = lasting;
        }

        /** False when asking again later may work (no connection, a timeout, a server error). */
        public boolean lasting() {
            return lasting;
        }
    }

    private final ServerEndpoint server;
    private final ServerDialect dialect;
    private final String model;
    private final int maxCharsPerCall;

    private ServerTokenizer(ServerEndpoint server, ServerDialect dialect, String model, int maxCharsPerCall) {
        this.server = server;
        this.dialect = dialect;
        this.model = model;
        this.maxCharsPerCall = maxCharsPerCall;
    }

    /**
     * Finds the tokenize endpoint at the target's root and which family it is: tries llama.cpp's request, then
     * vLLM's, SGLang's and TGI's, and keeps the first whose answer has the right shape and whose token texts fit
     * the text sent.
     *
     * @throws Unavailable naming what each attempt got
     */
    public static ServerTokenizer probe(Target target) throws Unavailable {
        return probe(target, MAX_CHARS_PER_CALL);
    }

    static ServerTokenizer probe(Target target, int maxCharsPerCall) throws Unavailable {
        String root;
        ServerEndpoint server;
        try {
            root = target.root();
            server = ServerEndpoint.open(root, target.apiKey(), target.timeout());
        } catch (RuntimeException | LinkageError e) {
            throw new Unavailable("no client for the tokenize endpoint (" + e.getMessage() + ")", true);
        }
        List<String> answers = new ArrayList<>();
        boolean lasting = true;
        for (ServerDialect dialect : ServerDialect.values()) {
            try {
                ServerDialect.Tokens tokens = dialect.tokenize(server, target.model(), PROBE_TEXT);
                if (tokens.ids().length == 0) {
                    throw new IOException("/tokenize answered no tokens for a text that has some");
                }
                tokens.ends(PROBE_TEXT);
                return new ServerTokenizer(server, dialect, target.model(), maxCharsPerCall);
            } catch (ServerDialect.Refused e) {
                int status = e.status();
                if (status == 401 || status == 403) {
                    server.close();
                    throw new Unavailable("POST " + server.url(ServerDialect.TOKENIZE) + ": the api key was refused ("
                            + e.getMessage() + ")", true);
                }
                if (dialect.ordinal() == 0 && (status == 404 || status == 405)) {
                    server.close();
                    throw new Unavailable("POST " + server.url(ServerDialect.TOKENIZE) + ": no tokenize endpoint ("
                            + e.getMessage() + ")", true);
                }
                lasting &= status < 500;
                answers.add(dialect.label() + ": " + e.getMessage());
            } catch (ServerEndpoint.NoAnswer e) {
                server.close();
                throw new Unavailable(e.getMessage(), false);
            } catch (IOException | IllegalArgumentException e) {
                answers.add(dialect.label() + ": " + e.getMessage());
            }
        }
        server.close();
        throw new Unavailable("POST " + server.url(ServerDialect.TOKENIZE) + " answered as none of the known servers ("
                + String.join("; ", answers) + ")", lasting);
    }

    /** The server root of an OpenAI-compatible base URL: no query, no fragment, no trailing {@code /v1}. */
    static String root(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl == null ? "" : baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base URL must be http(s)://host[:port][/path], but was " + baseUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("base URL must be http(s)://host[:port][/path], but was " + baseUrl);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - 3);
        }
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        return scheme + "://" + (at >= 0 ? authority.substring(at + 1) : authority) + path;
    }

    /** For example {@code server:/tokenize (llama.cpp)}. */
    @Override
    public String name() {
        return "server:/tokenize (" + dialect.label() + ")";
    }

    /** The family that answered, e.g. {@code vLLM}. */
    public String family() {
        return dialect.label();
    }

    /** The server root asked, e.g. {@code http://llama:8080}. */
    public String root() {
        return server.root();
    }

    @Override
    public int[] encode(String text) {
        return ids(tokenize(text));
    }

    @Override
    public TokenOffsets encodeWithOffsets(String text) {
        List<Part> parts = tokenize(text);
        int[] ids = ids(parts);
        int[] ends = new int[ids.length];
        int at = 0;
        for (Part part : parts) {
            int[] partEnds;
            try {
                partEnds = part.tokens().ends(part.text());
            } catch (IllegalArgumentException e) {
                throw new UncheckedIOException(failure("the token texts of characters " + part.start() + " to "
                        + (part.start() + part.text().length()) + " cannot be placed in the text sent", e));
            }
            for (int end : partEnds) {
                ends[at++] = part.start() + end;
            }
        }
        return new TokenOffsets(ids, ends);
    }

    @Override
    public String decode(int[] ids) {
        try {
            return dialect.detokenize(server, model, ids);
        } catch (IOException e) {
            throw new UncheckedIOException(failure(e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "ServerTokenizer[" + name() + " at " + root() + "]";
    }

    /** A span of the text and its tokens. */
    private record Part(int start, String text, ServerDialect.Tokens tokens) {
    }

    private static int[] ids(List<Part> parts) {
        return parts.stream().flatMapToInt(part -> Arrays.stream(part.tokens().ids())).toArray();
    }

    /** The text's tokens, in as few calls as {@link #maxCharsPerCall} allows. */
    private List<Part> tokenize(String text) {
        List<Part> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return parts;
        }
        try {
            for (int[] span : Paragraphs.split(text, maxCharsPerCall)) {
                tokenize(text, span[0], span[1], parts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(failure(e.getMessage(), e));
        }
        return parts;
    }

    /** One call for [start, end), or two halves when the server refuses a text this long. */
    private void tokenize(String text, int start, int end, List<Part> parts) throws IOException {
        String part = text.substring(start, end);
        try {
            parts.add(new Part(start, part, dialect.tokenize(server, model, part)));
        } catch (ServerDialect.Refused e) {
            if (!tooLong(e.status()) || end - start <= MIN_CHARS_PER_CALL) {
                throw e;
            }
            int middle = Paragraphs.cut(text, start, start + (end - start) / 2);
            tokenize(text, start, middle, parts);
            tokenize(text, middle, end, parts);
        }
    }

    /** A status that may mean "too long for one call" (413, or 400/422 from a server that checks lengths). */
    private static boolean tooLong(int status) {
        return status == 413 || status == 400 || status == 422;
    }

    private IOException failure(String what, Throwable cause) {
        return new IOException(name() + " at " + root() + ": " + what, cause);
    }
}
