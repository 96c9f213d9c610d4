package io.brigade.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server from zonky's binaries, for the devstack and the tests. It runs as root too (the server
 * process itself runs as {@code nobody}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port. */
    public static EmbeddedPostgresServer ephemeral() {
        return start(EmbeddedPostgres.builder());
    }

    /** A server on a fixed port whose data survives restarts in {@code dataDirectory}. */
    public static EmbeddedPostgresServer persistent(int port, Path dataDirectory) {
        return start(EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false));
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new EmbeddedPostgresServer(builder
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
