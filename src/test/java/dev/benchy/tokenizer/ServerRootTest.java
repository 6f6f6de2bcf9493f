package dev.benchy.tokenizer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The tokenizer endpoints live at the server root, beside {@code /v1}, whatever the base URL carries. */
class ServerRootTest {

    @Test
    void theRootIsTheBaseUrlWithoutV1QueryOrCredentials() {
        assertEquals("http://llama:8080", ServerTokenizer.root("http://llama:8080/v1"));
        assertEquals("http://llama:8080", ServerTokenizer.root("http://llama:8080/v1/"));
        assertEquals("http://llama:8080", ServerTokenizer.root("http://llama:8080"));
        assertEquals("https://gw.example/vllm", ServerTokenizer.root("https://gw.example/vllm/v1?api-version=1#x"));
        assertEquals("http://[::1]:9000", ServerTokenizer.root("http://[::1]:9000/v1"));
        assertEquals("http://h", ServerTokenizer.root("http://user:secret@h/v1"));
    }

    @Test
    void aBaseUrlThatIsNoHttpUrlIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerTokenizer.root("ftp://h/v1"));
        assertEquals("base URL must be http(s)://host[:port][/path], but was ftp://h/v1", e.getMessage());
    }

    @Test
    void aTargetNeverShowsItsKey() {
        ServerTokenizer.Target target = new ServerTokenizer.Target("http://h/v1", "sk-secret", "m",
                Duration.ofSeconds(5));
        assertFalse(target.toString().contains("sk-secret"), target.toString());
    }
}
