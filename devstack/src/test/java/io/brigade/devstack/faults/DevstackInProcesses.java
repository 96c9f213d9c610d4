package io.brigade.devstack.faults;

import io.brigade.devstack.Devstack;
import io.brigade.devstack.RunningDevstack;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --processes} devstack started as an operator starts it, on free ports in a data folder of its own: each
 * part's current process id read from what the devstack prints, so any part can be killed with {@code kill -9} and
 * seen coming back.
 */
final class DevstackInProcesses implements AutoCloseable {

    private static final Pattern LISTED = Pattern.compile(
            "^ {4}(\\S+)\\s+process (\\d+)(?: \\(server process (\\d+)\\))?", Pattern.MULTILINE);
    private static final Pattern BACK = Pattern.compile(
            "^(\\S+) is back: process (\\d+)(?: \\(server process (\\d+)\\))?", Pattern.MULTILINE);

    private final Process devstack;
    private final Path data;
    private final Path out;
    private final int base;

    private DevstackInProcesses(Process devstack, Path data, Path out, int base) {
        this.devstack = devstack;
        this.data = data;
        this.out = out;
        this.base = base;
    }

    static DevstackInProcesses start(Map<String, String> environment) throws IOException {
        Path data = Files.createTempDirectory("brigade-faults");
        int base = RunningDevstack.freeBase();
        Path out = data.resolveSibling(data.getFileName() + ".out");
        ProcessBuilder command = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Devstack.class.getName(), "--processes").redirectErrorStream(true).redirectOutput(out.toFile());
        command.environment().putAll(environment);
        command.environment().put("BRIGADE_DATA_DIR", data.toString());
        command.environment().put("BRIGADE_PORT_OFFSET", String.valueOf(base - 8080));
        command.environment().put("BRIGADE_DB_PORT", String.valueOf(base + 10));
        command.environment().put("BRIGADE_KAFKA_PORT", String.valueOf(base + 11));
        DevstackInProcesses started = new DevstackInProcesses(command.start(), data, out, base);
        // eight JVMs starting at once on a shared 2-core machine can take many minutes
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (!started.printed().contains("Brigade is up")) {
            if (!started.devstack.isAlive() || System.nanoTime() > deadline) {
                String printed = started.printed();
                started.close();
                throw new IllegalStateException("The devstack did not start:\n" + printed);
            }
            sleep(Duration.ofMillis(500));
        }
        return started;
    }

    String gateway() {
        return "http://localhost:" + base;
    }

    /** The port of a service, by its usual port (8081 to 8086). */
    int port(int usualPort) {
        return base + usualPort - 8080;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + (base + 10) + "/" + database;
    }

    String kafka() {
        return "localhost:" + (base + 11);
    }

    Path output() {
        return out;
    }

    /**
     * The process to kill for a part, as printed last: for PostgreSQL the database server itself, for the others the
     * part's JVM.
     */
    long processOf(String part) {
        String printed = printed();
        long pid = -1;
        for (Pattern pattern : new Pattern[] {LISTED, BACK}) {
            Matcher matcher = pattern.matcher(printed);
            while (matcher.find()) {
                if (matcher.group(1).equals(part)) {
                    pid = Long.parseLong(matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
                }
            }
        }
        if (pid < 0) {
            throw new IllegalStateException("No process printed for " + part + ":\n" + printed);
        }
        return pid;
    }

    /** How many times the devstack has started {@code part} again. */
    int comebacks(String part) {
        Matcher matcher = BACK.matcher(printed());
        int count = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(part)) {
                count++;
            }
        }
        return count;
    }

    /** Kills the part with SIGKILL; answers how long the devstack took to have it back, ready. */
    Duration killAndAwaitComeback(String part, Duration patience) {
        int before = comebacks(part);
        long pid = processOf(part);
        long killed = System.nanoTime();
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(part + " (process " + pid + ") is not running"));
        process.destroyForcibly();
        while (comebacks(part) == before) {
            if (System.nanoTime() - killed > patience.toNanos() || !devstack.isAlive()) {
                throw new IllegalStateException(part + " did not come back within " + patience.toSeconds() + " s:\n"
                        + printed());
            }
            sleep(Duration.ofMillis(200));
        }
        return Duration.ofNanos(System.nanoTime() - killed);
    }

    String printed() {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tail of one part's own output, for a failure's message. */
    String partLog(String part, int lines) {
        Path log = data.resolve("logs/" + part + ".out");
        try {
            var all = Files.exists(log) ? Files.readAllLines(log) : java.util.List.<String>of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        devstack.destroy();
        try {
            if (!devstack.waitFor(120, TimeUnit.SECONDS)) {
                devstack.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (EmbeddedPostgresServer.runningServer(data.resolve("postgres")).isPresent()
                && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
        }
        EmbeddedPostgresServer.runningServer(data.resolve("postgres")).ifPresent(ProcessHandle::destroyForcibly);
        try {
            // every part's log stays beside the run's history, for whoever reads a finding
            Path logs = Path.of("target/faults/logs");
            FileSystemUtils.deleteRecursively(logs);
            Files.createDirectories(logs);
            if (Files.isDirectory(data.resolve("logs"))) {
                FileSystemUtils.copyRecursively(data.resolve("logs"), logs);
            }
            Files.copy(out, Path.of("target/faults/devstack.out"), StandardCopyOption.REPLACE_EXISTING);
            FileSystemUtils.deleteRecursively(data);
        } catch (IOException e) {
            // a temporary folder: the system clears it in time
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
