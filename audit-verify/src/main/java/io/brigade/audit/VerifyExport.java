package io.brigade.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks an audit export offline, trusting nothing but the public keys it is given:
 * {@code java -jar brigade-audit-verify.jar export.jsonl --keys keys.pem [--keys jwks.json]}. Prints what holds and
 * what does not, the first failure first; exits 0 when everything holds, 1 when something does not, 2 when it cannot
 * read its input.
 */
public final class VerifyExport {

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        Path export = null;
        List<Path> keyFiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keys") && i + 1 < args.length) {
                keyFiles.add(Path.of(args[++i]));
            } else if (export == null && !args[i].startsWith("--")) {
                export = Path.of(args[i]);
            } else {
                return usage(out);
            }
        }
        if (export == null || keyFiles.isEmpty()) {
            return usage(out);
        }
        try {
            return verify(export, keyFiles, out);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream out) {
        out.println("usage: java -jar brigade-audit-verify.jar EXPORT.jsonl --keys KEYS.pem|JWKS.json [--keys ...]");
        return 2;
    }

    private static int verify(Path export, List<Path> keyFiles, PrintStream out) throws IOException {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Path file : keyFiles) {
            keys.putAll(AuditKeys.publicKeys(Files.readString(file)));
        }
        JsonNode[] header = new JsonNode[1];
        List<Checkpoint> checkpoints = new ArrayList<>();
        long[] lastCovered = {0};
        lines(export, line -> {
            switch (line.path("record").asText()) {
                case ExportFormat.HEADER -> header[0] = line;
                case ExportFormat.CHECKPOINT -> {
                    Checkpoint checkpoint = Checkpoint.fromJson(line);
                    checkpoints.add(checkpoint);
                    lastCovered[0] = Math.max(lastCovered[0], checkpoint.upToGlobalIndex());
                }
                default -> {
                }
            }
        });
        if (header[0] == null) {
            throw new IllegalArgumentException(export + " has no export header: is it a Brigade audit export?");
        }
        JsonNode selection = header[0].path("selection");
        boolean wholeStreams = !selection.has("from") && !selection.has("to");
        StoreCheck check = new StoreCheck(checkpoints, keys, wholeStreams);
        long[] uncovered = {0};
        lines(export, line -> {
            switch (line.path("record").asText()) {
                case ExportFormat.EVENT -> {
                    AuditedEvent event = ExportFormat.event(line);
                    check.event(event);
                    if (event.globalIndex() > lastCovered[0]) {
                        uncovered[0]++;
                    }
                }
                case ExportFormat.LEAF -> check.leaf(line.path("globalIndex").asLong(), line.path("hash").asText());
                default -> {
                }
            }
        });
        StoreCheck.Verdict verdict = check.finish();

        out.println("Audit export of " + header[0].path("service").asText() + ", " + describe(selection)
                + ", trusting " + keys.size() + " key(s): " + String.join(", ", keys.keySet()));
        List<StoreCheck.Problem> chainProblems = verdict.problems().stream()
                .filter(p -> p.kind().equals("chain")).toList();
        List<StoreCheck.Problem> checkpointProblems = verdict.problems().stream()
                .filter(p -> !p.kind().equals("chain")).toList();
        if (chainProblems.isEmpty()) {
            out.println("holds: " + verdict.events() + " events in " + check.chains() + " chains; every hash matches "
                    + "its event and follows the one before");
        }
        if (checkpoints.isEmpty()) {
            out.println("not proven: no checkpoint covers these events, so deleted or recomputed streams cannot be "
                    + "ruled out");
        } else if (checkpointProblems.isEmpty()) {
            out.println("holds: " + checkpoints.size() + " signed checkpoints, up to global index " + lastCovered[0]
                    + ", agree with the events");
        }
        if (uncovered[0] > 0) {
            out.println("note: " + uncovered[0] + " events are newer than the newest checkpoint; only their chains "
                    + "vouch for them");
        }
        if (verdict.valid() && !checkpoints.isEmpty()) {
            out.println("VALID");
            return 0;
        }
        boolean first = true;
        for (StoreCheck.Problem problem : verdict.problems()) {
            out.println((first ? "FIRST FAILURE: " : "also: ") + describe(problem));
            first = false;
        }
        out.println(verdict.valid() ? "NOT PROVEN" : "INVALID");
        return 1;
    }

    private static String describe(JsonNode selection) {
        if (selection.has("aggregateId")) {
            return "aggregate " + selection.get("aggregateId").asText();
        }
        if (selection.has("from") || selection.has("to")) {
            return "events from " + selection.path("from").asText("the start") + " to "
                    + selection.path("to").asText("now");
        }
        return "the whole store";
    }

    private static String describe(StoreCheck.Problem problem) {
        return problem.aggregateId() == null ? problem.detail()
                : "aggregate " + problem.aggregateId() + ": " + problem.detail();
    }

    private static void lines(Path file, Consumer<JsonNode> each) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    each.accept(CanonicalJson.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + number + " of " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
