package io.brigade.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server from zonky's binaries, for the devstack and the tests. It runs as root too (the server
 * process itself runs as {@code nobody}).
 *
 * <p>The server runs in a process of its own, which outlives a JVM that is killed without stopping it. A kept data
 * folder therefore starts by recognising such a leftover server (its {@code postmaster.pid} names a live PostgreSQL
 * while no JVM holds the folder's lock) and stopping it, so the same command starts again after a crash.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** The file zonky's server locks for as long as a JVM runs a server on the folder. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** A throw-away server on a free port; it trades durability for speed, as tests want. */
    public static EmbeddedPostgresServer ephemeral() {
        return start(EmbeddedPostgres.builder(), false, null);
    }

    /** A durable server ({@code fsync} on) on a fixed port whose data survives restarts in {@code dataDirectory}. */
    public static EmbeddedPostgresServer persistent(int port, Path dataDirectory) {
        return persistent(port, dataDirectory, true);
    }

    /**
     * A server on a fixed port whose data survives restarts in {@code dataDirectory}; {@code durable} false turns
     * {@code fsync} off, which loses committed data on a power cut and only suits tests. It runs until {@link #close()}
     * (or its next start on the folder, after a crash): the caller stops it once nothing uses it any more.
     */
    public static EmbeddedPostgresServer persistent(int port, Path dataDirectory, boolean durable) {
        stopLeftoverServer(dataDirectory);
        // stopped by close(), after whatever uses it: zonky's own shutdown hook would stop it at the same moment as
        // the services on it, whose event processors could then not even release their token claims
        return start(EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false), durable, dataDirectory);
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder, boolean durable, Path data) {
        builder.setServerConfig("max_connections", "300");
        // zonky starts every server with -F and synchronous_commit=off; a later setting wins over both
        builder.setServerConfig("fsync", durable ? "on" : "off");
        builder.setServerConfig("synchronous_commit", durable ? "on" : "off");
        // what each statement costs, for whoever asks (create extension pg_stat_statements, then its view)
        builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        try {
            return new EmbeddedPostgresServer(builder.start(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Stops a PostgreSQL server still running on {@code dataDirectory} after the JVM that started it died without
     * stopping it. Refuses when a live JVM still holds the folder, and leaves alone a process that is not PostgreSQL
     * (a recycled process id in a stale {@code postmaster.pid}).
     *
     * @return the process id of the server it stopped
     */
    public static Optional<Long> stopLeftoverServer(Path dataDirectory) {
        Optional<ProcessHandle> server = runningServer(dataDirectory);
        if (server.isEmpty()) {
            return Optional.empty();
        }
        requireNoOwner(dataDirectory, server.get().pid());
        long pid = server.get().pid();
        System.out.printf("PostgreSQL (process %d) still runs on %s from a devstack that ended without stopping it:"
                + " stopping it%n", pid, dataDirectory);
        long started = System.nanoTime();
        stop(server.get());
        System.out.printf("PostgreSQL (process %d) stopped in %.1f s%n", pid, (System.nanoTime() - started) / 1e9);
        return Optional.of(pid);
    }

    /** The live PostgreSQL server that {@code postmaster.pid} in {@code dataDirectory} names, if there is one. */
    public static Optional<ProcessHandle> runningServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedPostgresServer::isPostgres);
    }

    private static boolean isPostgres(ProcessHandle process) {
        Optional<String> command = process.info().command();
        if (command.isPresent()) {
            return Path.of(command.get()).getFileName().toString().startsWith("postgres");
        }
        // another user's process may hide its executable; its command line is still public on Linux
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            String program = cmdline.split("\0", 2)[0];
            return Path.of(program).getFileName().toString().startsWith("postgres");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void requireNoOwner(Path dataDirectory, long serverPid) {
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL (process " + serverPid + ") on " + dataDirectory
                        + " belongs to a running devstack: stop that one first, or use another data folder.");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL on " + dataDirectory + " is already run by this process");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fast shutdown (SIGINT: open transactions rolled back, a checkpoint written), then SIGKILL if it hangs. */
    private static void stop(ProcessHandle server) {
        boolean signalled;
        try {
            signalled = new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).inheritIO().start()
                    .waitFor() == 0;
        } catch (IOException e) {
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!signalled) {
            server.destroy();
        }
        if (!awaitExit(server, STOP_PATIENCE, true)) {
            server.destroyForcibly();
            // killed, it leaves its postmaster.pid behind, which the next server refuses while the zombie lasts
            if (!awaitExit(server, STOP_PATIENCE, false)) {
                throw new IllegalStateException("PostgreSQL (process " + server.pid() + ") does not stop");
            }
        }
    }

    /**
     * Whether the server ended within {@code patience}. A server whose devstack died is no one's child: once ended it
     * stays a zombie until the system's init reaps it, which some inits do only every few seconds. A server that shut
     * down has released its port, memory and {@code postmaster.pid}, so as a zombie it counts as ended when
     * {@code zombieEnded}.
     */
    private static boolean awaitExit(ProcessHandle process, Duration patience, boolean zombieEnded) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (process.isAlive() && !(zombieEnded && isZombie(process.pid()))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // "pid (command) state ...": the command may itself hold parentheses
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * The server's own process (the postmaster), whose children are the backends serving each connection: the
     * parent of the backend that answers this question.
     */
    public ProcessHandle process() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
            backend.next();
            long pid = backend.getLong(1);
            return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow(() ->
                    new IllegalStateException("PostgreSQL's backend " + pid + " has no parent process here"));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL did not answer which process serves it", e);
        }
    }

    /** The server's own process id (the postmaster's), when it keeps its data in a known folder. */
    public Optional<Long> pid() {
        return dataDirectory == null ? Optional.empty() : runningServer(dataDirectory).map(ProcessHandle::pid);
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
