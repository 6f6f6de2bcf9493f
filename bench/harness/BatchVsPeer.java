package harness;

import java.util.List;
import java.util.Locale;

/**
 * One batch as benchy measured it against the same batch as the peer wrote it.
 *
 * @param peerReq      the mean of the peer's per-stream decode rates
 * @param benchyReq    the mean of benchy's per-request tg rates
 * @param peerTotal    Σ tokens after the first event / (last token − first first token) on the peer's stamps
 * @param benchyTotal  benchy's tg t/s (total) of the batch
 * @param ttfrOverPeer benchy's mean ttfr − the peer's mean arrival-to-first-write, ms
 */
record BatchVsPeer(double peerReq, double benchyReq, double peerTotal, double benchyTotal, double ttfrOverPeer) {

    /** Batch {@code batch} (from 0) of {@code test}, which ran {@code batches} batches, against {@code served}. */
    static BatchVsPeer of(TestResult test, int batch, int batches, ServedBatch served) {
        return new BatchVsPeer(served.meanDecodeRate(), test.batchMean("tg_req_throughput", batch),
                served.totalDecodeRate(), test.batchTotal(batch, batches),
                test.batchMean("ttfr", batch) - served.meanFirstWriteMs());
    }

    double reqRatio() {
        return benchyReq / peerReq;
    }

    double totalRatio() {
        return benchyTotal / peerTotal;
    }

    /** The peer's and benchy's figures as table cells: peer req, ratio, peer total, ratio, ttfr difference. */
    List<String> cells() {
        return List.of(String.format(Locale.ROOT, "%.2f", peerReq), ratio(reqRatio()),
                String.format(Locale.ROOT, "%.1f", peerTotal), ratio(totalRatio()), millis(ttfrOverPeer));
    }

    /**
     * Several batches as table cells: the peer's mean rates, the ratios of the means with the worst batch's ratio
     * in parentheses, and the mean ttfr difference with the worst.
     */
    static List<String> cells(List<BatchVsPeer> batches) {
        double peerReq = mean(batches, BatchVsPeer::peerReq);
        double peerTotal = mean(batches, BatchVsPeer::peerTotal);
        double reqRatio = mean(batches, BatchVsPeer::benchyReq) / peerReq;
        double totalRatio = mean(batches, BatchVsPeer::benchyTotal) / peerTotal;
        double worstReq = 1;
        double worstTotal = 1;
        double worstTtfr = 0;
        for (BatchVsPeer b : batches) {
            worstReq = 1 + ConcurrencyPoint.worse(worstReq - 1, b.reqRatio() - 1);
            worstTotal = 1 + ConcurrencyPoint.worse(worstTotal - 1, b.totalRatio() - 1);
            worstTtfr = ConcurrencyPoint.worse(worstTtfr, b.ttfrOverPeer());
        }
        return List.of(String.format(Locale.ROOT, "%.2f", peerReq), ratio(reqRatio) + " (" + ratio(worstReq) + ")",
                String.format(Locale.ROOT, "%.1f", peerTotal), ratio(totalRatio) + " (" + ratio(worstTotal) + ")",
                millis(mean(batches, BatchVsPeer::ttfrOverPeer)) + " (" + millis(worstTtfr) + ")");
    }

    private static double mean(List<BatchVsPeer> batches, java.util.function.ToDoubleFunction<BatchVsPeer> value) {
        return batches.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%+.2f", value);
    }
}
