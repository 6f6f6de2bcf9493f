package dev.benchy.service.api;

import dev.benchy.service.config.BenchyConfig;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Guards the endpoints that start work: when {@code benchy.api.token} is set, they need it as a Bearer token. */
@Singleton
public class ApiToken {

    private final Optional<byte[]> expected;

    public ApiToken(BenchyConfig config) {
        this.expected = config.api().token().filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    /** Compares in constant time, so the answer's timing says nothing about the token. */
    public boolean allows(String authorizationHeader) {
        if (expected.isEmpty()) {
            return true;
        }
        byte[] given = authorizationHeader == null ? new byte[0]
                : authorizationHeader.strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected.get(), given);
    }
}
