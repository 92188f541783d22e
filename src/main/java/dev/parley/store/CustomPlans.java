package dev.parley.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Makes PostgreSQL plan a query with the values it runs with, every time: list queries, and the webhook
 * dispatchers' search for due deliveries, whose best plan depends on how many deliveries are due. After five runs the driver would
 * otherwise switch to a server-prepared statement, and PostgreSQL's generic plan for a page of one account's list
 * walks the primary key filtering on the account: thousands of rows for the last page of an account whose ids are
 * followed by other accounts' apps, where the account's index reads about 25 (measured with the benchmark's walk).
 * The embedded database has no such switch; there the customizer does nothing.
 */
public final class CustomPlans implements StatementCustomizer {
    public static final CustomPlans INSTANCE = new CustomPlans();

    private CustomPlans() {
    }

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }
}
