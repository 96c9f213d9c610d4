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

    /** One service's part of an export: its header, its checkpoints, and the check its events are fed to. */
    private static final class Section {
        final JsonNode header;
        final List<Checkpoint> checkpoints = new ArrayList<>();
        long lastCovered;
        long uncovered;
        StoreCheck check;

        Section(JsonNode header) {
            this.header = header;
        }
    }

    /**
     * An export holds one section per service, each opened by its {@code export} header (a service's own export has
     * one); each section is checked on its own, against its own service's checkpoints.
     */
    private static int verify(Path export, List<Path> keyFiles, PrintStream out) throws IOException {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Path file : keyFiles) {
            keys.putAll(AuditKeys.publicKeys(Files.readString(file)));
        }
        List<Section> sections = new ArrayList<>();
        lines(export, line -> {
            switch (line.path("record").asText()) {
                case ExportFormat.HEADER -> sections.add(new Section(line));
                case ExportFormat.CHECKPOINT -> {
                    Section section = current(sections, export);
                    Checkpoint checkpoint = Checkpoint.fromJson(line);
                    section.checkpoints.add(checkpoint);
                    section.lastCovered = Math.max(section.lastCovered, checkpoint.upToGlobalIndex());
                }
                default -> current(sections, export);
            }
        });
        if (sections.isEmpty()) {
            throw new IllegalArgumentException(export + " has no export header: is it a Brigade audit export?");
        }
        int[] next = {0};
        lines(export, line -> {
            switch (line.path("record").asText()) {
                case ExportFormat.HEADER -> {
                    Section section = sections.get(next[0]++);
                    JsonNode selection = section.header.path("selection");
                    boolean wholeStreams = !selection.has("from") && !selection.has("to");
                    section.check = new StoreCheck(section.checkpoints, keys, wholeStreams);
                }
                case ExportFormat.EVENT -> {
                    Section section = sections.get(next[0] - 1);
                    AuditedEvent event = ExportFormat.event(line);
                    section.check.event(event);
                    if (event.globalIndex() > section.lastCovered) {
                        section.uncovered++;
                    }
                }
                case ExportFormat.LEAF -> sections.get(next[0] - 1).check.leaf(line.path("globalIndex").asLong(),
                        line.path("hash").asText());
                default -> {
                }
            }
        });
        int worst = 0;
        for (Section section : sections) {
            worst = Math.max(worst, report(section, keys, out));
        }
        if (sections.size() > 1) {
            out.println("ALL " + sections.size() + " SECTIONS: " + (worst == 0 ? "VALID" : "NOT ALL VALID"));
        }
        return worst;
    }

    private static Section current(List<Section> sections, Path export) {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException(export + " does not begin with an export header: is it a Brigade "
                    + "audit export?");
        }
        return sections.get(sections.size() - 1);
    }

    private static int report(Section section, Map<String, PublicKey> keys, PrintStream out) {
        StoreCheck check = section.check;
        List<Checkpoint> checkpoints = section.checkpoints;
        JsonNode selection = section.header.path("selection");
        StoreCheck.Verdict verdict = check.finish();

        out.println("Audit export of " + section.header.path("service").asText() + ", " + describe(selection)
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
            out.println("holds: " + checkpoints.size() + " signed checkpoints, up to global index "
                    + section.lastCovered + ", agree with the events");
        }
        if (section.uncovered > 0) {
            out.println("note: " + section.uncovered + " events are newer than the newest checkpoint; only their "
                    + "chains vouch for them");
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
