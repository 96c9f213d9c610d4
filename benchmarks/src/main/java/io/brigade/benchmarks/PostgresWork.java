package io.brigade.benchmarks;

import io.brigade.platform.test.TestInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the PostgreSQL server did for each service's database between two points: its backends' CPU, the transactions
 * committed and the statements run (from {@code pg_stat_statements}, which the embedded server loads). A service's
 * database is named after it ({@code ordercommand_3f2a...}), so each figure is told to the service by its name.
 */
final class PostgresWork {

    private static final int QUERY_WIDTH = 110;

    record Query(String database, String text) {
    }

    record Calls(long calls, double execMillis) {

        Calls minus(Calls earlier) {
            return new Calls(calls - earlier.calls, execMillis - earlier.execMillis);
        }
    }

    record Snapshot(Map<Long, String> databaseOfBackend, Map<Long, Long> cpuOfBackend, Map<String, Long> commits,
                    Map<Query, Calls> statements) {
    }

    /** A database's share of the work between two snapshots. */
    record Database(String name, long backendCpuNanos, long commits, long statements) {
    }

    /** The work between two snapshots: by database, largest CPU first, and by statement, most called first. */
    record Use(List<Database> databases, List<Map.Entry<Query, Calls>> statements) {
    }

    private final String url = TestInfrastructure.get().jdbcUrl("postgres");

    PostgresWork() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not count its statements (pg_stat_statements)", e);
        }
    }

    Snapshot snapshot() {
        Map<Long, String> databaseOfBackend = new HashMap<>();
        Map<Long, Long> cpuOfBackend = new HashMap<>();
        Map<String, Long> commits = new HashMap<>();
        Map<Query, Calls> statements = new HashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "select pid, datname from pg_stat_activity where datname is not null")) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    databaseOfBackend.put(pid, service(rows.getString(2)));
                    ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                            .ifPresent(cpu -> cpuOfBackend.put(pid, cpu.toNanos()));
                }
            }
            try (ResultSet rows = statement.executeQuery("select d.datname, s.xact_commit from pg_stat_database s"
                    + " join pg_database d on d.oid = s.datid where not d.datistemplate")) {
                while (rows.next()) {
                    commits.merge(service(rows.getString(1)), rows.getLong(2), Long::sum);
                }
            }
            try (ResultSet rows = statement.executeQuery("select d.datname, s.query, s.calls, s.total_exec_time"
                    + " from pg_stat_statements s join pg_database d on d.oid = s.dbid")) {
                while (rows.next()) {
                    statements.merge(new Query(service(rows.getString(1)), shortened(rows.getString(2))),
                            new Calls(rows.getLong(3), rows.getDouble(4)),
                            (a, b) -> new Calls(a.calls() + b.calls(), a.execMillis() + b.execMillis()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL did not say what it did", e);
        }
        return new Snapshot(databaseOfBackend, cpuOfBackend, commits, statements);
    }

    /**
     * The work between two snapshots. A backend that started in between counts whole; one that ended in between is
     * not seen (the services keep their connections in pools, so few do).
     */
    static Use between(Snapshot before, Snapshot after) {
        Map<String, Long> cpu = new HashMap<>();
        after.cpuOfBackend().forEach((pid, nanos) -> cpu.merge(after.databaseOfBackend().get(pid),
                nanos - before.cpuOfBackend().getOrDefault(pid, 0L), Long::sum));
        Map<Query, Calls> statements = new HashMap<>();
        after.statements().forEach((query, calls) -> {
            Calls done = calls.minus(before.statements().getOrDefault(query, new Calls(0, 0)));
            if (done.calls() > 0) {
                statements.put(query, done);
            }
        });
        Map<String, Long> statementsByDatabase = new HashMap<>();
        statements.forEach((query, calls) -> statementsByDatabase.merge(query.database(), calls.calls(),
                Long::sum));
        List<Database> databases = after.commits().keySet().stream()
                .map(name -> new Database(name, cpu.getOrDefault(name, 0L),
                        after.commits().get(name) - before.commits().getOrDefault(name, 0L),
                        statementsByDatabase.getOrDefault(name, 0L)))
                .filter(database -> database.commits() > 0 || database.backendCpuNanos() > 0)
                .sorted(Comparator.comparingLong(Database::backendCpuNanos).reversed())
                .toList();
        return new Use(databases, statements.entrySet().stream()
                .sorted(Map.Entry.<Query, Calls>comparingByValue(Comparator.comparingLong(Calls::calls))
                        .reversed())
                .toList());
    }

    /** The service a database belongs to: its name without the suffix that makes it unique. */
    private static String service(String database) {
        return database.replaceFirst("_[0-9a-f]{8}$", "");
    }

    private static String shortened(String query) {
        String oneLine = query.replaceAll("\\s+", " ").strip().replace("|", "\\|");
        return oneLine.length() <= QUERY_WIDTH ? oneLine : oneLine.substring(0, QUERY_WIDTH) + " ...";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestInfrastructure.get().postgresUser(),
                TestInfrastructure.get().postgresPassword());
    }
}
