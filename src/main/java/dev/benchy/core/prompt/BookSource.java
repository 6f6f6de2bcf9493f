package dev.benchy.core.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the prompt text comes from: llama-benchy's book (The Adventures of Sherlock Holmes) by default, downloaded
 * once and cached, or any local file. Real prose matters: speculative decoding and MTP accept more draft tokens on
 * predictable text, so the book keeps those numbers honest. When the book cannot be read the run still goes on, on
 * the {@link GeneratedText built-in generated text}, with a warning saying so and why.
 */
public final class BookSource {

    /** llama-benchy's default book: Project Gutenberg #1661, The Adventures of Sherlock Holmes. */
    public static final String DEFAULT_BOOK_URL = "https://www.gutenberg.org/files/1661/1661-0.txt";

    /** Names the built-in generated text: no download, no warning (the embedded simulator's book). */
    public static final String GENERATED_BOOK = "builtin:generated";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(60);

    private static final String GENERATED_TEXT_CAVEAT = "using the built-in generated text instead;"
            + " speculative-decoding/MTP results are not representative with it (generated text is more"
            + " predictable than prose)";

    private static final Pattern START_MARKER = Pattern.compile(
            "^\\*\\*\\*\\s*START OF (THE|THIS) PROJECT GUTENBERG EBOOK.*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern END_MARKER = Pattern.compile(
            "^\\*\\*\\*\\s*END OF (THE|THIS) PROJECT GUTENBERG EBOOK",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private BookSource() {
    }

    /**
     * The text of the book at {@code bookUrl} (the {@link #DEFAULT_BOOK_URL default} when null or blank), without
     * Project Gutenberg's header and licence; the generated text, with a warning, when it cannot be read.
     *
     * @see #fetch(String, Path, Consumer)
     */
    public static String load(String bookUrl, Path cacheDir, Consumer<String> warnings) {
        return fetch(bookUrl, cacheDir, warnings).text();
    }

    /**
     * The book at {@code bookUrl} and where its text really came from: {@code http(s)} URLs are downloaded once
     * (30 s to connect, 60 s in all) and cached as {@code <cacheDir>/books/<sha256 of the URL>.txt}; {@code file:}
     * URLs and plain paths are read directly. Any failure gives one warning that names the source and the cause,
     * and the {@link GeneratedText built-in generated text}. Line ends are normalised to {@code \n}.
     *
     * @param bookUrl  the URL or path of the book; null or blank means {@link #DEFAULT_BOOK_URL}
     * @param cacheDir the user cache directory, usually {@link #defaultCacheDir()}
     * @param warnings receives each warning, one line each
     */
    public static Book fetch(String bookUrl, Path cacheDir, Consumer<String> warnings) {
        String url = bookUrl == null || bookUrl.isBlank() ? DEFAULT_BOOK_URL : bookUrl.strip();
        if (GENERATED_BOOK.equals(url)) {
            return Book.generated();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        try {
            String raw;
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                raw = downloadCached(url, cacheDir, warnings);
            } else if (lower.startsWith("file:")) {
                raw = readUtf8(Path.of(URI.create(url)));
            } else {
                raw = readUtf8(Path.of(url));
            }
            String text = stripGutenberg(normalised(raw));
            if (text.isBlank()) {
                throw new IOException("it holds no text");
            }
            return new Book(url, text);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            warnings.accept("Book '" + url + "' could not be read (" + describe(e) + "); " + GENERATED_TEXT_CAVEAT
                    + ".");
            return Book.generated();
        }
    }

    /**
     * The user cache directory for benchy: {@code $XDG_CACHE_HOME/benchy} when that variable is set, else
     * {@code ~/.cache/benchy}.
     */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultCacheDir(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "benchy");
        }
        return Path.of(userHome, ".cache", "benchy");
    }

    /** Where the download of {@code url} is cached under {@code cacheDir}. */
    static Path cacheFile(Path cacheDir, String url) {
        return cacheDir.resolve("books").resolve(sha256(url) + ".txt");
    }

    /**
     * The book without Project Gutenberg's wrapping: everything up to and including the
     * {@code *** START OF THE PROJECT GUTENBERG EBOOK ... ***} line and everything from the
     * {@code *** END OF THE PROJECT GUTENBERG EBOOK} line on. Text without the markers is returned whole.
     */
    static String stripGutenberg(String text) {
        int from = 0;
        Matcher start = START_MARKER.matcher(text);
        if (start.find()) {
            from = start.end();
        }
        int to = text.length();
        Matcher end = END_MARKER.matcher(text);
        if (end.find(from)) {
            to = end.start();
        }
        if (from == 0 && to == text.length()) {
            return text;
        }
        return text.substring(from, to).strip();
    }

    private static String downloadCached(String url, Path cacheDir, Consumer<String> warnings) throws IOException {
        Path cached = cacheFile(cacheDir, url);
        if (Files.isRegularFile(cached)) {
            return readUtf8(cached);
        }
        String text = download(url);
        try {
            Files.createDirectories(cached.getParent());
            Path temp = Files.createTempFile(cached.getParent(), "download-", ".tmp");
            Files.writeString(temp, text);
            try {
                Files.move(temp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            warnings.accept("Book '" + url + "' could not be cached at " + cached + " (" + describe(e)
                    + "); it will be downloaded again next time.");
        }
        return text;
    }

    private static String download(String url) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TOTAL_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // the request timeout stops at the response headers; this bounds the body too
            response = pending.get(TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("no complete answer within " + TOTAL_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(describe(cause), cause);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP status must be 200, but was " + response.statusCode());
        }
        return utf8(response.body());
    }

    private static String readUtf8(Path file) throws IOException {
        return utf8(Files.readAllBytes(file));
    }

    /** Decodes leniently: a stray bad byte in a book must not cost the run its prose. */
    private static String utf8(byte[] body) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the book is not UTF-8 text", e);
        }
    }

    private static String normalised(String raw) {
        String text = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String kind = error.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return kind;
        }
        if (error instanceof NoSuchFileException) {
            return "no such file: " + message;
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException
                || error instanceof HttpTimeoutException) {
            return kind + ": " + message;
        }
        return message;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 must be available in every JDK, but was not", e);
        }
    }
}
