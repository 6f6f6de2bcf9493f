package dev.benchy.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine;

/** benchy's version, as the build stamped it into the application configuration. */
public final class BenchyVersion implements CommandLine.IVersionProvider {

    public static String current() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class)
                .orElse("dev");
    }

    @Override
    public String[] getVersion() {
        return new String[]{"benchy " + current()};
    }
}
