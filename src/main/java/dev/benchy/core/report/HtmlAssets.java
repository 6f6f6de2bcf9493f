package dev.benchy.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The style and scripts an HTML page of benchy's needs, as text to inline: benchy's stylesheet and chart functions
 * (the web UI serves the same two files), and the uPlot chart library from its webjar. Pages carry them inline, so an
 * HTML report opens offline and alone.
 *
 * @param css         benchy's stylesheet
 * @param chartsCss   the chart library's stylesheet
 * @param chartsJs    the chart library
 * @param benchyJs    benchy's chart functions ({@code BenchyCharts}), which draw from the report's own data
 */
public record HtmlAssets(String css, String chartsCss, String chartsJs, String benchyJs) {

    /** Where benchy's own assets live on the classpath; the service serves this folder at {@code /ui/}. */
    public static final String UI_FOLDER = "META-INF/resources/ui/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** The assets on the classpath, read once. */
    public static HtmlAssets bundled() {
        return Bundled.ASSETS;
    }

    /** The uPlot library's minified script, as its webjar ships it. */
    public static String uplotScriptPath() {
        return "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.iife.min.js";
    }

    /** The uPlot library's stylesheet. */
    public static String uplotStylePath() {
        return "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css";
    }

    private static String uplotVersion() {
        Properties pom = new Properties();
        try (InputStream in = resource(UPLOT_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM + ": " + e.getMessage(), e);
        }
        return pom.getProperty("version");
    }

    /** A classpath resource as UTF-8 text. */
    public static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = HtmlAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the classpath must hold " + path + ", but it was missing");
        }
        return in;
    }

    private static final class Bundled {
        static final HtmlAssets ASSETS = new HtmlAssets(text(UI_FOLDER + "benchy.css"), text(uplotStylePath()),
                text(uplotScriptPath()), text(UI_FOLDER + "charts.js"));
    }
}
