package dev.benchy.service.config;

import dev.benchy.app.RequestSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A target's request keys read from YAML as the service reads them, and each mistake named by its key. */
class RequestConfigTest {

    @Test
    void everyRequestKeyIsRead() throws Exception {
        BenchyConfig config = new SmallRyeConfigBuilder()
                .withSources(new YamlConfigSource(getClass().getClassLoader().getResource("config/request-keys.yaml")))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(BenchyConfig.class)
                .build().getConfigMapping(BenchyConfig.class);

        RequestSettings requests = TargetResolver.resolve(config).get(0).definition().requests();

        assertEquals("api-key", requests.authHeader());
        assertEquals(Map.of("X-Org", "org-secret-9c2d"), requests.headers());
        assertTrue(requests.exactTg());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_template_kwargs", Map.of("enable_thinking", false));
        body.put("chat_template_kwargs2", Map.of("enable_thinking", false));
        body.put("return_token_ids", null);
        body.put("stop", "END");
        body.put("top_k", 20);
        assertEquals(body, requests.extraBody());
        assertFalse(requests.toString().contains("org-secret"), requests.toString());
        assertEquals(InvalidConfigFilesTest.problems("request-keys.yaml"), List.of());
    }

    @Test
    void eachMistakeIsNamedByItsKeyWithoutAHeaderValue() {
        List<String> problems = InvalidConfigFilesTest.problems("request-keys-invalid.yaml");

        assertEquals(List.of(
                "request-keys-invalid.yaml line 13: benchy.targets.vllm.extra-body.return_token_ids: must be a value"
                        + " (\"null\" in quotes removes one of benchy's fields), but was a bare null, which would be"
                        + " ignored",
                "benchy.targets.vllm.auth-header: a header name must be letters, digits or !#$%&'*+-.^_`|~, but was"
                        + " 'api key'",
                "benchy.targets.vllm.headers.Authorization: a header must not be the one the api key is sent in when"
                        + " a key is given, but was Authorization",
                "benchy.targets.vllm.headers.Host: a header must not be one the HTTP client sets itself (Host,"
                        + " Content-Length, Transfer-Encoding, Connection...), but was Host",
                "benchy.targets.vllm.extra-body.max_tokens: a key must not be one benchy sets itself (model,"
                        + " messages, max_tokens, stream), but was max_tokens"), problems);
        assertFalse(problems.toString().contains("sk-secret") || problems.toString().contains("sk-key"));
    }
}
