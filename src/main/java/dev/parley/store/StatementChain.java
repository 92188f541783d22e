package dev.parley.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Several writes as one PostgreSQL statement, chained with a data-modifying {@code WITH}: each named step may read
 * the rows the steps before it returned, and the statement commits in the one round trip that runs it. Adding a
 * write to such a change (an event row, say) is adding a step.
 */
public final class StatementChain {
    private final List<String> steps = new ArrayList<>();

    private StatementChain() {
    }

    /** The first step, such as {@code slot AS (UPDATE … RETURNING id)}. */
    public static StatementChain with(String name, String sql) {
        return new StatementChain().then(name, sql);
    }

    /** A further step, which may select from the steps before it by name. */
    public StatementChain then(String name, String sql) {
        steps.add(name + " AS (" + sql + ")");
        return this;
    }

    /** The whole statement, ending in {@code last}, whose row count the statement answers. */
    public String finish(String last) {
        return "WITH " + String.join(", ", steps) + " " + last;
    }
}
