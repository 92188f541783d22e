package dev.parley.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did: records created and skipped by kind, and the refused lines (the first {@link #MAX_LISTED}
 * of them, with the count of all).
 */
public record ImportSummary(Map<String, Integer> created, Map<String, Integer> skipped, List<Refusal> refused,
                            int refusedCount) {
    public static final int MAX_LISTED = 1000;

    /** A line that was not imported, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refusal(long line, String kind, String reason) {
    }

    /** Counts as the lines are applied. */
    static final class Tally {
        private final Map<String, Integer> created = new LinkedHashMap<>();
        private final Map<String, Integer> skipped = new LinkedHashMap<>();
        private final List<Refusal> refused = new ArrayList<>();
        private int refusedCount;

        Tally(List<String> kinds) {
            kinds.forEach(kind -> {
                created.put(kind, 0);
                skipped.put(kind, 0);
            });
        }

        void applied(String kind, TransferSection.Applied applied) {
            (applied == TransferSection.Applied.CREATED ? created : skipped).merge(kind, 1, Integer::sum);
        }

        void refused(long line, String kind, String reason) {
            refusedCount++;
            if (refused.size() < MAX_LISTED) {
                refused.add(new Refusal(line, kind, reason));
            }
        }

        ImportSummary summary() {
            return new ImportSummary(created, skipped, refused, refusedCount);
        }
    }
}
