package dev.benchy.service.api;

import dev.benchy.service.config.BenchyConfig;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Guards the endpoints that start work: when {@code benchy.api.token} is set, they need it as a Bearer token. The
 * scheme name is compared without regard to case ({@code bearer} works, as RFC 9110 says), the token exactly.
 */
@Singleton
public class ApiToken {

    static final String SCHEME = "Bearer";

    private final Optional<byte[]> expected;

    public ApiToken(BenchyConfig config) {
        this.expected = config.api().token().filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares the token in constant time, so the answer's timing says nothing about it. */
    public boolean allows(String authorizationHeader) {
        if (expected.isEmpty()) {
            return true;
        }
        String header = authorizationHeader == null ? "" : authorizationHeader.strip();
        int space = header.indexOf(' ');
        boolean bearer = space > 0
                && header.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME.toLowerCase(Locale.ROOT));
        byte[] given = bearer ? header.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(expected.get(), given) && bearer;
    }
}
