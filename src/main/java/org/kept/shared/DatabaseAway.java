package org.kept.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Whether a failure means "the database cannot be reached right now" (restarting, network gone, pool starved waiting
 * for it) rather than a fault in Kept or in a request. Such a failure is answered with 503 and Retry-After and logged
 * once per outage ({@link DatabaseOutage}), and start-up work retries it ({@link StartupWork}).
 */
public final class DatabaseAway {

    private DatabaseAway() {
    }

    /** True when the failure, or anything that caused it, is a lost or unobtainable database connection. */
    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL state class 08 is a connection exception (PostgreSQL's 08001 cannot connect, 08006 connection failure);
     * 57P01–57P03 are PostgreSQL shutting down, crashing or starting up ("the database system is starting up").
     */
    static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
