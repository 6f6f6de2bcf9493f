package harness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One load against the peer: {@code concurrency} streams of {@code tg} tokens at {@code speed} tokens per second
 * each, written CxTG@SPEED (64x100@200).
 */
record PeerCell(int concurrency, int tg, int speed) {

    private static final Pattern SPEC = Pattern.compile("(\\d+)x(\\d+)@(\\d+)");

    static List<PeerCell> parseAll(String specs) {
        List<PeerCell> cells = new ArrayList<>();
        for (String spec : specs.split(",")) {
            Matcher m = SPEC.matcher(spec.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--cells: each cell must be CxTG@SPEED (e.g. 64x100@200), but "
                        + "was " + spec);
            }
            cells.add(new PeerCell(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }
        return cells;
    }

    String load() {
        return tg + " @ " + speed;
    }
}
