package dev.benchy.service.ui;

import dev.benchy.core.report.ReportFigures;
import dev.benchy.service.store.ReportStore;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of stored reports, kept once read: a stored report never changes, and the charts over time read the
 * same reports on every page load. Holds the most recently used {@value #CAPACITY}.
 */
@Singleton
public class FiguresCache {

    static final int CAPACITY = 4000;

    private final Map<String, ReportFigures> byId = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ReportFigures> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The figures of a stored report, or empty when the store has no such report. */
    public Optional<ReportFigures> of(ReportStore store, String id) {
        synchronized (byId) {
            ReportFigures known = byId.get(id);
            if (known != null) {
                return Optional.of(known);
            }
        }
        Optional<ReportFigures> figures = store.get(id).map(ReportFigures::of);
        figures.ifPresent(f -> {
            synchronized (byId) {
                byId.put(id, f);
            }
        });
        return figures;
    }
}
