package dev.benchy.service.config;

import io.smallrye.config.EnvConfigSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service's configuration, read and validated: the scheduled targets and the report store. One pass finds every
 * problem, in this order: the files ({@link ConfigFiles}), unknown keys ({@link ConfigKeys}), the report store, then
 * each target ({@link TargetResolver}); the service starts only when there is none.
 *
 * @param targets    the configured targets, by name; empty when none is configured
 * @param reportsDir where reports are kept (writable, checked)
 * @param keep       reports kept per target
 */
public record ServiceConfig(List<ScheduledTarget> targets, Path reportsDir, int keep) {

    /** The configuration of this process: its mapping, every property name it reads, its files. */
    public static ServiceConfig ofThisService(BenchyConfig config) {
        return read(config, checkedNames(ConfigProvider.getConfig().getConfigSources()), ConfigFiles.ofThisService());
    }

    /**
     * The property names whose keys are checked: every source's but the environment's. Environment variables are
     * ambient (a deployment, a CI runner or a shell may set any {@code BENCHY_…} variable for its own use), so one
     * that matches no key must not stop the service; the values it does set are still read and checked.
     */
    static List<String> checkedNames(Iterable<ConfigSource> sources) {
        List<String> names = new ArrayList<>();
        for (ConfigSource source : sources) {
            if (!(source instanceof EnvConfigSource)) {
                names.addAll(source.getPropertyNames());
            }
        }
        return names;
    }

    /**
     * @param config        the {@code benchy} mapping (its values as text)
     * @param propertyNames every property name of the configuration's sources
     * @param files         the files the configuration was read from
     * @throws InvalidConfigException naming every problem
     */
    public static ServiceConfig read(BenchyConfig config, Iterable<String> propertyNames, List<Path> files) {
        List<String> problems = new ArrayList<>(ConfigFiles.problems(files));
        problems.addAll(ConfigKeys.BENCHY.unknown(propertyNames));
        ConfigValues values = new ConfigValues(problems);
        Optional<Path> dir = values.path(ReportsFolder.KEY, config.reports().dir());
        dir.map(ReportsFolder::problem).ifPresent(problems::add);
        int keep = values.wholeNumber("benchy.reports.keep", Optional.of(config.reports().keep())).orElse(1);
        if (keep < 1) {
            problems.add("benchy.reports.keep: must be 1 or more, but was " + keep);
        }
        List<ScheduledTarget> targets = TargetResolver.targets(config, values);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ServiceConfig(targets, dir.orElseThrow(), keep);
    }
}
