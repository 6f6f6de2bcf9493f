package dev.benchy.service.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which property names are checked for unknown keys. */
class ServiceConfigTest {

    /**
     * A CI runner exported {@code BENCHY_LLAMA_SERVER} for its own use, and the service refused to start with
     * "benchy.llama: unknown key": an environment variable is ambient, a file's or a system property's key is not.
     */
    @Test
    void environmentVariablesAreNotCheckedForUnknownKeys() {
        ConfigSource env = new EnvConfigSource(Map.of("BENCHY_LLAMA_SERVER", "/opt/llama-server"), 300);
        ConfigSource file = new MapBackedConfigSource("application.yaml", Map.of("benchy.targets.a.schedul", "1m"),
                250) {
        };

        List<String> names = ServiceConfig.checkedNames(List.of(env, file));

        assertEquals(List.of("benchy.targets.a.schedul"), names);
        assertEquals(List.of("benchy.targets.a.schedul: unknown key, did you mean benchy.targets.a.schedule?"),
                ConfigKeys.BENCHY.unknown(names));
    }
}
