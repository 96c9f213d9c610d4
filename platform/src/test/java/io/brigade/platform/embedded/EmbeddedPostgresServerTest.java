package io.brigade.platform.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class EmbeddedPostgresServerTest {

    @TempDir
    Path data;

    @Test
    void aKeptDataFolderIsDurable_fsyncAndSynchronousCommitOn() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.persistent(freePort(), data.resolve("pg"))) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void aThrowAwayServerTradesDurabilityForSpeed() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral()) {
            assertThat(setting(postgres, "fsync")).isEqualTo("off");
        }
    }

    @Test
    void aServerWhoseJvmStillRuns_isNotTakenForALeftover() {
        Path folder = data.resolve("pg");
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.persistent(freePort(), folder, false)) {
            long server = running.pid().orElseThrow();
            assertThat(catchThrowable(() -> EmbeddedPostgresServer.stopLeftoverServer(folder)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);
        }
    }

    @Test
    void theServersProcess_isThePostmasterOfTheBackendsServingItsConnections() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral();
             Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.port()
                     + "/postgres", EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             ResultSet row = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            row.next();
            long backend = row.getLong(1);
            ProcessHandle server = postgres.process();

            assertThat(server.isAlive()).isTrue();
            assertThat(server.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(server.descendants().map(ProcessHandle::pid)).contains(backend);
            assertThat(server.info().totalCpuDuration()).isPresent();
        }
    }

    @Test
    void theServerCountsWhatEachStatementCosts() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral();
             Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.port()
                     + "/postgres", EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            for (int i = 0; i < 3; i++) {
                statement.executeQuery("select count(*) from pg_class where relname = 'counted_" + i + "'").close();
            }

            try (ResultSet counted = statement.executeQuery("select calls from pg_stat_statements"
                    + " where query like 'select count(*) from pg_class where relname = $1'")) {
                assertThat(counted.next()).isTrue();
                assertThat(counted.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void aFolderWithNoServer_hasNoLeftover() {
        assertThat(EmbeddedPostgresServer.stopLeftoverServer(data.resolve("never-used"))).isEmpty();
    }

    private static String setting(EmbeddedPostgresServer postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.port()
                + "/postgres", EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             ResultSet row = connection.createStatement().executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
