package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.benchy.core.report.ReportFixtures.metric;
import static dev.benchy.core.report.ReportFixtures.report;
import static dev.benchy.core.report.ReportFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvReportWriterTest {

    private static final String HEADER = "model,test_name,t_s_mean,t_s_std,t_s_req_mean,t_s_req_std,peak_ts_mean,"
            + "peak_ts_std,peak_ts_req_mean,peak_ts_req_std,ttfr_mean,ttfr_std,est_ppt_mean,est_ppt_std,"
            + "e2e_ttft_mean,e2e_ttft_std,flags";

    private final CsvReportWriter writer = new CsvReportWriter();

    @Test
    void headerIsLlamaBenchysThenFlagsAndLinesEndInCrLf() {
        assertEquals(HEADER + "\r\n", writer.write(report(1, false, List.of())));
        assertEquals(HEADER, String.join(",", CsvReportWriter.header()));
    }

    @Test
    void missingMetricsAreEmptyFieldsAndPerRequestRatesAreFilledAtConcurrencyOne() {
        RunReport report = report(1, false, List.of(
                run(1, 0, false, metric(1000.5, 2.25), null, metric(50, 0.5), null, null, null,
                        metric(200, 1), null, metric(250, 1.5))));

        assertEquals(HEADER + "\r\n"
                        + "openai/gpt-oss-120b,pp2048,1000.5,2.25,1000.5,2.25,,,,,200.0,1.0,,,250.0,1.5,\r\n"
                        + "openai/gpt-oss-120b,tg32,50.0,0.5,50.0,0.5,,,,,,,,,,,\r\n",
                writer.write(report));
    }

    @Test
    void numbersArePrintedAsPythonReprPrintsThem() {
        RunReport report = report(2, false, List.of(
                run(2, 8192, false, new Metric(1.0E-5, 0.1 + 0.2, List.of(), 0, 0, 0),
                        new Metric(12345678901234567.0, 1.0E16, List.of(), 0, 0, 0),
                        null, null, null, null,
                        new Metric(1.0E15, 0.0001, List.of(), 0, 0, 0),
                        new Metric(1.0E23, -0.0, List.of(), 0, 0, 0),
                        new Metric(986.0233386029112, 2.5E-5, List.of(), 0, 0, 0))));

        assertEquals(HEADER + "\r\n" + "openai/gpt-oss-120b,pp2048 @ d8192 (c2),1e-05,0.30000000000000004,"
                        + "1.2345678901234568e+16,1e+16,,,,,1000000000000000.0,0.0001,1e+23,-0.0,"
                        + "986.0233386029112,2.5e-05,\r\n",
                writer.write(report));
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        RunReport base = report(1, false, List.of(run(1, 0, false, null, null, null, null, metric(2, 0.5), null,
                null, null, null)));
        RunReport quoted = new RunReport(base.version(), base.timestamp(), base.latencyMode(), base.latencyMs(),
                "say \"hi\", then\r\nleave", false, 1, base.benchmarks(), null, null, null, null, null, null, null,
                null, null, null, 0, null);

        assertEquals(HEADER + "\r\n" + "\"say \"\"hi\"\", then\r\nleave\",tg32,,,,,2.0,0.5,,,,,,,,,\r\n",
                writer.write(quoted));
    }

    @Test
    void theLastColumnNamesTheFlagsOfEachRow() {
        RowFlag failed = RowFlag.of(RowFlag.Kind.FAILED_REQUESTS, "1 of 2 requests failed.");
        RowFlag clamped = RowFlag.of(RowFlag.Kind.EST_PPT_CLAMPED, "est_ppt was clamped to 0 for 1 of 1 request");
        RunReport report = report(1, false, List.of(run(1, 0, false, metric(1, 0), null, metric(2, 0), null, null,
                null, null, null, null).withFlags(List.of(failed, clamped))));

        assertEquals(List.of("failed_requests;est_ppt_clamped", "failed_requests"),
                writer.write(report).lines().skip(1).map(line -> line.substring(line.lastIndexOf(',') + 1))
                        .toList());
    }

    @Test
    void footnotesStayOutOfTheCsv() {
        String csv = writer.write(ReportFixtures.multiConcurrency());

        assertEquals(13, csv.split("\r\n", -1).length - 1);
        assertEquals(csv.length(), csv.replace("\u26a0", "").length());
    }
}
