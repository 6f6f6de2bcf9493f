package dev.benchy.core.report;

import java.util.function.Supplier;

/**
 * A self-contained HTML document: styles, scripts and data inline, no reference to anything outside the file, so it
 * opens offline, from a mail attachment or a CI artefact. The data travels as JSON in a
 * {@code <script type="application/json" id="benchy-data">} element; the page's script reads it from there.
 */
public final class HtmlPage {

    private final Supplier<HtmlAssets> assets;

    private HtmlPage(Supplier<HtmlAssets> assets) {
        this.assets = assets;
    }

    /** Pages with the assets on the classpath, read when the first page is written. */
    public static HtmlPage bundled() {
        return new HtmlPage(HtmlAssets::bundled);
    }

    /** Pages with these assets. */
    public static HtmlPage with(HtmlAssets assets) {
        return new HtmlPage(() -> assets);
    }

    /**
     * The document.
     *
     * @param title  the page title (text)
     * @param body   the body's HTML
     * @param data   JSON for the page's script, or null
     * @param script what runs once the chart library and benchy's chart functions are loaded, or null for a page
     *               without charts
     */
    public String document(String title, String body, String data, String script) {
        HtmlAssets assets = this.assets.get();
        StringBuilder out = new StringBuilder(8192 + (script == null ? 0 : assets.chartsJs().length()));
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n");
        if (script != null) {
            out.append("<style>\n").append(assets.chartsCss()).append("\n</style>\n");
        }
        out.append("<style>\n").append(assets.css()).append("\n</style>\n</head>\n<body class=\"document\">\n")
                .append(body);
        if (data != null) {
            out.append("<script type=\"application/json\" id=\"benchy-data\">").append(scriptSafe(data))
                    .append("</script>\n");
        }
        if (script != null) {
            out.append("<script>\n").append(assets.chartsJs()).append("\n</script>\n")
                    .append("<script>\n").append(assets.benchyJs()).append("\n</script>\n")
                    .append("<script>\n").append(script).append("\n</script>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    /** Text as HTML: {@code & < > " '} escaped, so it is safe in content and in quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON that cannot end its {@code <script>} element early: every {@code <} becomes {@code \u003c}, which JSON
     * allows only inside strings, where it reads back as the same character.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c");
    }
}
