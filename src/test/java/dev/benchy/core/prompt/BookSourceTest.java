package dev.benchy.core.prompt;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookSourceTest {

    private static final String FIRST_LINE = "CHAPTER I. THE BROKEN POCKET";
    private static final String LAST_LINE_END = "The cold street trembled across the ring.";

    @TempDir
    Path cacheDir;

    private final List<String> warnings = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Path fixture() {
        try {
            return Path.of(BookSourceTest.class.getResource("/corpus/book.txt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertStripped(String text) {
        assertTrue(text.startsWith(FIRST_LINE), () -> "starts with: " + text.substring(0, 60));
        assertTrue(text.endsWith(LAST_LINE_END), () -> "ends with: " + text.substring(text.length() - 60));
        assertFalse(text.toUpperCase().contains("GUTENBERG"), "Gutenberg header or licence left in");
        assertFalse(text.contains("Nobody in Particular"), "header left in");
    }

    @Test
    void theDefaultBookIsLlamaBenchysSherlockHolmes() {
        // Project Gutenberg's ebook 1661, as llama-benchy; the host is not named here, tests reach no internet
        assertTrue(BookSource.DEFAULT_BOOK_URL.startsWith("https://"), BookSource.DEFAULT_BOOK_URL);
        assertTrue(BookSource.DEFAULT_BOOK_URL.endsWith("/files/1661/1661-0.txt"), BookSource.DEFAULT_BOOK_URL);
    }

    @Test
    void noBookUrlMeansTheDefaultBookReadFromTheCacheWithoutTheNetwork() throws IOException {
        Path cached = BookSource.cacheFile(cacheDir, BookSource.DEFAULT_BOOK_URL);
        Files.createDirectories(cached.getParent());
        Files.copy(fixture(), cached);

        for (String none : new String[] {null, "", "  "}) {
            Book book = BookSource.fetch(none, cacheDir, warnings::add);
            assertEquals(BookSource.DEFAULT_BOOK_URL, book.source());
            assertStripped(book.text());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void stripsTheGutenbergHeaderAndLicence() throws IOException {
        String stripped = BookSource.stripGutenberg(Files.readString(fixture()));

        assertStripped(stripped);
    }

    @Test
    void stripsTheOlderThisProjectMarkersToo() {
        String book = "header\n*** START OF THIS PROJECT GUTENBERG EBOOK X ***\nBody text.\n"
                + "*** END OF THIS PROJECT GUTENBERG EBOOK X ***\nlicence\n";

        assertEquals("Body text.", BookSource.stripGutenberg(book));
    }

    @Test
    void textWithoutMarkersIsUsedWhole() {
        String text = "  Just some text.\n\nWith two paragraphs.\n";

        assertEquals(text, BookSource.stripGutenberg(text));
    }

    @Test
    void readsAPlainPathAndRecordsIt() {
        Book book = BookSource.fetch(fixture().toString(), cacheDir, warnings::add);

        assertStripped(book.text());
        assertEquals(fixture().toString(), book.source());
        assertEquals(List.of(), warnings);
    }

    @Test
    void readsAFileUrl() {
        String url = fixture().toUri().toString();
        String text = BookSource.load(url, cacheDir, warnings::add);

        assertTrue(url.startsWith("file:"));
        assertStripped(text);
        assertEquals(List.of(), warnings);
    }

    @Test
    void normalisesLineEndsAndDropsAByteOrderMark() throws IOException {
        Path file = cacheDir.resolve("crlf.txt");
        Files.writeString(file, "\uFEFFheader\r\n*** START OF THE PROJECT GUTENBERG EBOOK Y ***\r\n"
                + "One.\r\nTwo.\r\n*** END OF THE PROJECT GUTENBERG EBOOK Y ***\r\n");

        assertEquals("One.\nTwo.", BookSource.load(file.toString(), cacheDir, warnings::add));
    }

    @Test
    void aMissingFileFallsBackToTheGeneratedTextWithAWarning() {
        Path missing = cacheDir.resolve("no-such-book.txt");
        Book book = BookSource.fetch(missing.toString(), cacheDir, warnings::add);

        assertEquals(Book.generated(), book);
        assertEquals(List.of("Book '" + missing + "' could not be read (no such file: " + missing + "); using the"
                + " built-in generated text instead; speculative-decoding/MTP results are not representative with it"
                + " (generated text is more predictable than prose)."), warnings);
    }

    @Test
    void anUnreachableServerFallsBackToTheGeneratedTextWithAWarning() {
        String url = "http://127.0.0.1:9/book.txt";
        Book book = BookSource.fetch(url, cacheDir, warnings::add);

        assertEquals(GeneratedText.SOURCE, book.source());
        assertEquals(GeneratedText.text(), book.text());
        assertEquals(1, warnings.size());
        String warning = warnings.get(0);
        assertTrue(warning.startsWith("Book 'http://127.0.0.1:9/book.txt' could not be read (ConnectException"),
                warning);
        assertTrue(warning.endsWith("speculative-decoding/MTP results are not representative with it"
                + " (generated text is more predictable than prose)."), warning);
        assertFalse(Files.exists(BookSource.cacheFile(cacheDir, url)), "a failed download must not be cached");
    }

    @Test
    void anHttpErrorFallsBackWithTheStatus() throws IOException {
        String url = serve(404, "gone").toString();
        Book book = BookSource.fetch(url, cacheDir, warnings::add);

        assertEquals(GeneratedText.SOURCE, book.source());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("(HTTP status must be 200, but was 404)"), warnings.get(0));
    }

    @Test
    void downloadsOnceAndThenReadsTheCache() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(200, Files.readString(fixture()), requests).toString();

        Book first = BookSource.fetch(url, cacheDir, warnings::add);
        Book second = BookSource.fetch(url, cacheDir, warnings::add);
        server.stop(0);
        server = null;
        Book offline = BookSource.fetch(url, cacheDir, warnings::add);

        assertEquals(1, requests.get());
        assertStripped(first.text());
        assertEquals(first, second);
        assertEquals(first, offline);
        assertEquals(url, first.source());
        assertTrue(Files.isRegularFile(BookSource.cacheFile(cacheDir, url)));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theCacheFileIsNamedAfterTheSha256OfTheUrl() {
        assertEquals(cacheDir.resolve("books")
                        .resolve("7bdb16e90e9d083f07ced6f0298a977e11b00ffbdd59cb02c592e8e7bf5efb48.txt"),
                BookSource.cacheFile(cacheDir, BookSource.DEFAULT_BOOK_URL));
    }

    @Test
    void theCacheDirFollowsXdgOrFallsBackToTheHomeCache() {
        assertEquals(Path.of("/var/cache/me", "benchy"),
                BookSource.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"));
        assertEquals(Path.of("/home/me", ".cache", "benchy"), BookSource.defaultCacheDir(Map.of(), "/home/me"));
        assertEquals(Path.of("/home/me", ".cache", "benchy"),
                BookSource.defaultCacheDir(Map.of("XDG_CACHE_HOME", "relative/dir"), "/home/me"));
        assertTrue(BookSource.defaultCacheDir().endsWith("benchy"));
    }

    private java.net.URI serve(int status, String body) throws IOException {
        return serve(status, body, new AtomicInteger());
    }

    private java.net.URI serve(int status, String body, AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/book.txt", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        server.start();
        return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/book.txt");
    }
}
