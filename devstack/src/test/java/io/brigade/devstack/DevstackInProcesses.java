package io.brigade.devstack;

import io.brigade.platform.embedded.EmbeddedPostgresServer;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code --processes} devstack started as an operator starts it, in a process of its own on a temporary data folder
 * (with {@code fsync} off), up, with the process id of each part as it printed them. Closing it stops it and removes
 * the folder.
 */
final class DevstackInProcesses implements AutoCloseable {

    private static final Pattern PART = Pattern.compile("^ {4}(\\S+)\\s+process (\\d+)", Pattern.MULTILINE);

    private final Process devstack;
    private final Path data;
    private final Path out;
    private final Map<String, Long> parts;

    private DevstackInProcesses(Process devstack, Path data, Path out, Map<String, Long> parts) {
        this.devstack = devstack;
        this.data = data;
        this.out = out;
        this.parts = parts;
    }

    static DevstackInProcesses start(int base, String... arguments) throws IOException {
        Path data = Files.createTempDirectory("brigade-processes");
        Path out = data.resolveSibling(data.getFileName() + ".out");
        List<String> all = new ArrayList<>(List.of("--processes"));
        all.addAll(List.of(arguments));
        ProcessBuilder command = RunningDevstack.devstackProcess(List.of(), data, base, all.toArray(String[]::new))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        command.environment().put("BRIGADE_DB_FSYNC", "off");
        Process devstack = command.start();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(out).contains("Brigade is up") || !devstack.isAlive());
        String printed = Files.readString(out);
        assertThat(printed).as(printed).contains("Brigade is up");
        Map<String, Long> parts = new LinkedHashMap<>();
        Matcher matcher = PART.matcher(printed);
        while (matcher.find()) {
            parts.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return new DevstackInProcesses(devstack, data, out, parts);
    }

    /** Each part's process id, by the name the devstack printed ({@code order-command-2}, {@code Kafka}...). */
    Map<String, Long> parts() {
        return parts;
    }

    Process process() {
        return devstack;
    }

    Path data() {
        return data;
    }

    /** What the devstack has printed so far. */
    String output() {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        devstack.destroy();
        if (!devstack.waitFor(120, TimeUnit.SECONDS)) {
            devstack.destroyForcibly();
        }
        EmbeddedPostgresServer.runningServer(data.resolve("postgres")).ifPresent(ProcessHandle::destroy);
        FileSystemUtils.deleteRecursively(data);
    }
}
