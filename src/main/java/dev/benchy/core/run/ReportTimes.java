package dev.benchy.core.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The timestamp and id formats of reports. */
public final class ReportTimes {

    private static final DateTimeFormatter LLAMA_BENCHY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportTimes() {
    }

    /** llama-benchy's report timestamp: UTC, {@code 2026-02-07 19:09:00Z}. */
    public static String llamaBenchy(Instant instant) {
        return LLAMA_BENCHY.format(instant);
    }

    /** A report id that sorts by time and is safe in a URL and a file name: {@code vllm-a-20261128T101500123Z}. */
    public static String reportId(String target, Instant instant) {
        String safe = target.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe + "-" + ID.format(instant);
    }
}
