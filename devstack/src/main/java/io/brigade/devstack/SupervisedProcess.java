package io.brigade.devstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One part of the devstack (PostgreSQL, Kafka or a service) run by {@link DevstackPart} in an OS process of its own.
 * Its output goes to a log file of its own; it counts as started once it prints {@link DevstackPart#READY}, and it is
 * started again whenever it ends without being asked to, so an operator may kill any part with {@code kill -9}.
 */
final class SupervisedProcess implements AutoCloseable {

    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Duration readyWithin;
    private volatile Process process;
    private volatile String readyDetail = "";
    private volatile boolean stopping;

    private SupervisedProcess(String name, List<String> command, Path log, Duration readyWithin) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.readyWithin = readyWithin;
    }

    /** Starts {@code Devstack} with {@code arguments} in a new JVM like this one, and waits until it is ready. */
    static SupervisedProcess start(String name, List<String> jvmOptions, List<String> arguments, Path logDirectory,
                                   Duration readyWithin) {
        List<String> command = new ArrayList<>(thisJava());
        command.addAll(1, jvmOptions);
        command.addAll(arguments);
        SupervisedProcess part = new SupervisedProcess(name, List.copyOf(command),
                logDirectory.resolve(name + ".out"), readyWithin);
        part.launch();
        return part;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** What the part said when it was ready (PostgreSQL: the server's own process id). */
    String readyDetail() {
        return readyDetail;
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Process started = process;
        Thread output = new Thread(() -> copyOutput(started, ready), name + "-output");
        output.setDaemon(true);
        output.start();
        try {
            readyDetail = ready.get(readyWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            started.destroyForcibly();
            throw new IllegalStateException(name + " did not start within " + readyWithin.toSeconds() + " s: see "
                    + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // a restart waits for the part to be ready again, so it gets a thread of its own
        started.onExit().thenAcceptAsync(this::restartUnlessStopping,
                restart -> new Thread(restart, name + "-restart").start());
    }

    private void copyOutput(Process from, CompletableFuture<String> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.startsWith(DevstackPart.READY)) {
                    ready.complete(line.substring(DevstackPart.READY.length()).strip());
                }
            }
        } catch (IOException e) {
            // the process ended; its exit is handled where it is watched
        } finally {
            ready.completeExceptionally(new IllegalStateException(name + " ended before it was ready"));
        }
    }

    private void restartUnlessStopping(Process ended) {
        if (stopping || ended != process) {
            return;
        }
        System.out.printf("%s (process %d) ended with exit code %d: starting it again%n", name, ended.pid(),
                ended.exitValue());
        for (int attempt = 1; !stopping; attempt++) {
            try {
                launch();
                System.out.printf("%s is back: process %d%s%n", name, pid(),
                        readyDetail.isEmpty() ? "" : " (" + readyDetail + ")");
                return;
            } catch (RuntimeException e) {
                System.out.printf("%s did not come back (attempt %d): %s%n", name, attempt, e.getMessage());
                sleep(Duration.ofSeconds(Math.min(10, attempt * 2L)));
            }
        }
    }

    /** Asks the part to stop (SIGTERM: its own shutdown hooks run), and kills it if it does not. */
    @Override
    public void close() {
        stopping = true;
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The java command of this JVM, on this JVM's classpath or jar, running {@link Devstack}. */
    private static List<String> thisJava() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith(".jar")
                && Devstack.class.getProtectionDomain().getCodeSource().getLocation().toString().contains("!")) {
            // the runnable jar: its own launcher puts the nested jars on the classpath
            return new ArrayList<>(List.of(java, "-jar", classpath));
        }
        return new ArrayList<>(List.of(java, "-cp", classpath, Devstack.class.getName()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
