package dev.benchy.service;

import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.report.SloSection;
import dev.benchy.service.config.DurationText;
import dev.benchy.service.config.ScheduledTarget;

import java.nio.file.Path;
import java.util.List;

/** The configuration as the service will use it, in words, with every secret masked. Logged once at start-up. */
final class EffectiveConfig {

    private EffectiveConfig() {
    }

    static String describe(List<ScheduledTarget> targets, Path reportsDir, int keep, boolean apiTokenSet,
                           boolean embeddedSimulator) {
        StringBuilder out = new StringBuilder("benchy effective configuration:");
        out.append("\n  reports: dir=").append(reportsDir.toAbsolutePath()).append(", keep=").append(keep)
                .append(" per target");
        out.append("\n  api.token: ").append(apiTokenSet ? "**** (POST requires it)" : "not set (POST open)");
        if (embeddedSimulator) {
            out.append("\n  no target configured: benchmarking the built-in simulator");
        }
        for (ScheduledTarget t : targets) {
            TargetDefinition d = t.definition();
            BenchmarkPlan p = d.plan();
            out.append("\n  target ").append(d.name()).append(": base-url=").append(d.baseUrl())
                    .append(", api-key=").append(d.maskedApiKey())
                    .append(", model=").append(orAuto(d.model()))
                    .append(", served-model-name=").append(d.servedModel() != null ? d.servedModel()
                            : d.model() != null ? "(model)" : "(detected from /models)")
                    .append(", tokenizer=").append(d.tokenizer() == null ? "(model)" : d.tokenizer())
                    .append(", schedule=").append(DurationText.of(t.schedule()))
                    .append(", deadline=").append(DurationText.of(t.deadline()))
                    .append("\n    plan: pp=").append(p.pp()).append(" tg=").append(p.tg())
                    .append(" depth=").append(p.depth()).append(" concurrency=").append(p.concurrency())
                    .append(" runs=").append(p.runs()).append(" latency-mode=").append(p.latencyMode().id())
                    .append(" prefix-caching=").append(p.prefixCaching()).append(" no-cache=").append(p.noCache())
                    .append(" timeout=").append(DurationText.of(p.requestTimeout()))
                    .append("\n    requests: auth-header=").append(d.requests().authHeader())
                    .append(" headers=").append(d.requests().headers().keySet()).append(" (values masked)")
                    .append(" extra-body=").append(d.requests().extraBody().keySet())
                    .append(" exact-tg=").append(d.requests().exactTg());
            if (!t.slo().isEmpty()) {
                out.append("\n    slo: ").append(SloSection.thresholds(t.slo().described()));
            }
        }
        return out.toString();
    }

    private static String orAuto(String value) {
        return value == null ? "(detected from /models)" : value;
    }
}
