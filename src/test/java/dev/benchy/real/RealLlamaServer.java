package dev.benchy.real;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * JUnit extension of the real-server tier: skips the test class (with the reason) when the environment names no
 * llama-server, else hands it a {@link LlamaServer}. One server serves every class of the run and is stopped when
 * the run ends; its log is kept in {@code target/llama-server.log}.
 */
final class RealLlamaServer implements ExecutionCondition, ParameterResolver {

    static final Path LOG = Path.of("target/llama-server.log");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealLlamaServer.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<LlamaInstall> install = LlamaInstall.fromEnvironment(System.getenv());
        return install.isPresent()
                ? ConditionEvaluationResult.enabled("llama-server at " + install.get().server())
                : ConditionEvaluationResult.disabled(LlamaInstall.NOT_PREPARED);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LlamaServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(LlamaServer.class, key -> {
            LlamaInstall install = LlamaInstall.fromEnvironment(System.getenv()).orElseThrow();
            try {
                return LlamaServer.start(install, LOG);
            } catch (Exception e) {
                throw new IllegalStateException("llama-server did not start: " + e.getMessage(), e);
            }
        }, LlamaServer.class);
    }
}
