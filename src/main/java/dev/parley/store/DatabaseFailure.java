package dev.parley.store;

import java.sql.SQLException;

/** A failure of plain JDBC work; the error mapping reads the SQL state from the cause. */
public final class DatabaseFailure extends RuntimeException {
    public DatabaseFailure(SQLException cause) {
        super("database failure (SQLState " + cause.getSQLState() + ")", cause);
    }
}
