package io.brigade.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compose.yml agrees with the services as the repository builds them: every service is there with its port and
 * image, every BRIGADE_* variable a service reads is set, the databases and roles are those docker/postgres-init.sql
 * creates, everything has a health check and a restart policy, and Prometheus scrapes exactly the services.
 */
class ComposeFileTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(BRIGADE_[A-Z_]+)");
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{%s:([^}]*)}");

    private static Path root;
    private static Map<String, Map<String, Object>> compose;
    /** Each service module and what its own configuration reads. */
    private static Map<String, String> configs;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        root = Path.of("").toAbsolutePath().getParent();
        Map<String, Object> file = new Yaml().load(Files.readString(root.resolve("compose.yml")));
        compose = (Map<String, Map<String, Object>>) file.get("services");
        configs = new TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path config = module.resolve("src/main/resources/" + module.getFileName() + ".yml");
                if (Files.exists(config) && Files.readString(config).contains("${BRIGADE_PORT")) {
                    configs.put(module.getFileName().toString(), Files.readString(config));
                }
            }
        }
    }

    @Test
    void everyServiceIsThereWithItsPortAndImage() {
        assertThat(configs.keySet()).contains("auth-service", "order-command", "kitchen-command", "billing-command",
                "catalog-query", "gateway");
        configs.forEach((module, config) -> {
            assertThat(compose).as("compose service " + module).containsKey(module);
            assertThat(environment(module).get("BRIGADE_PORT")).as(module + "'s port")
                    .isEqualTo(defaultOf(config, "BRIGADE_PORT"));
            assertThat(build(module).get("args")).as(module + "'s image").isEqualTo(Map.of("MODULE", module));
        });
        assertThat(ports("gateway")).contains("8080:8080");
    }

    @Test
    void everyVariableAServiceReadsIsSet() throws IOException {
        String platform = Files.readString(root.resolve("platform/src/main/resources/brigade-defaults.properties"));
        Set<String> platformReads = new TreeSet<>(variables(platform));
        // brigade.db.* are read through relaxed binding: BRIGADE_DB_HOST sets brigade.db.host
        Matcher db = Pattern.compile("(?m)^brigade\\.db\\.([a-z]+)=").matcher(platform);
        while (db.find()) {
            platformReads.add("BRIGADE_DB_" + db.group(1).toUpperCase());
        }
        configs.forEach((module, config) -> {
            Set<String> reads = new TreeSet<>(variables(config));
            if (!module.equals("gateway")) {
                reads.addAll(platformReads);
            }
            assertThat(environment(module).keySet()).as("variables set for " + module).containsAll(reads);
        });
    }

    @Test
    void theDatabasesAndRolesAreThoseThePostgresInitScriptCreates() throws IOException {
        String init = Files.readString(root.resolve("docker/postgres-init.sql"));
        Set<String> created = matches(init, "(?i)CREATE DATABASE\\s+(\\w+)");
        Set<String> roles = new TreeSet<>(matches(init, "(?i)CREATE (?:ROLE|USER)\\s+(\\w+)"));
        roles.add("postgres");
        Set<String> used = new TreeSet<>();
        configs.forEach((module, config) -> {
            if (config.contains("${BRIGADE_DB_NAME")) {
                String database = defaultOf(config, "BRIGADE_DB_NAME");
                assertThat(environment(module).get("BRIGADE_DB_NAME")).as(module + "'s database").isEqualTo(database);
                used.add(database);
                assertThat(roles).as(module + "'s database user").contains(environment(module).get("BRIGADE_DB_USER"));
            }
        });
        assertThat(used).isEqualTo(created);
        assertThat(volumes("postgres")).anyMatch(volume -> volume.startsWith("./docker/postgres-init.sql:"));
    }

    @Test
    void everythingHasAHealthCheckAndARestartPolicy() {
        compose.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck").containsKey("restart");
            assertThat(service.get("restart")).as(name).isIn("unless-stopped", "always", "on-failure");
        });
    }

    @Test
    void prometheusScrapesExactlyTheServicesAndGrafanaShowsTheDashboard() throws IOException {
        Map<String, Object> prometheus =
                new Yaml().load(Files.readString(root.resolve("docker/prometheus/prometheus.yml")));
        Set<String> targets = new TreeSet<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<?, ?> scrape = (Map<?, ?>) job;
            assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object staticConfig : (List<?>) scrape.get("static_configs")) {
                ((List<?>) ((Map<?, ?>) staticConfig).get("targets")).forEach(target -> targets.add((String) target));
            }
        }
        Set<String> services = configs.keySet().stream()
                .map(module -> module + ":" + environment(module).get("BRIGADE_PORT"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(targets).isEqualTo(services);
        assertThat(volumes("prometheus"))
                .contains("./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(volumes("grafana")).contains("./docker/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./docker/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(root.resolve("docker/grafana/dashboards/brigade.json")).exists();
    }

    private static Set<String> variables(String text) {
        return matches(text, VARIABLE.pattern());
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String defaultOf(String config, String variable) {
        Matcher matcher = Pattern.compile(String.format(DEFAULT.pattern(), variable)).matcher(config);
        assertThat(matcher.find()).as(variable + " has a default").isTrue();
        return matcher.group(1);
    }

    /** A service's environment, with what it takes from anchors merged in, every value as text. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Object environment = compose.get(service).get("environment");
        if (environment instanceof Map<?, ?> map) {
            Object inherited = map.get("<<");
            if (inherited instanceof Map<?, ?> base) {
                merged.putAll((Map<String, Object>) base);
            }
            merged.putAll((Map<String, Object>) map);
            merged.remove("<<");
        }
        Map<String, String> text = new HashMap<>();
        merged.forEach((key, value) -> text.put(key, value == null ? "" : value.toString()));
        return text;
    }

    private static Map<?, ?> build(String service) {
        return (Map<?, ?>) compose.get(service).get("build");
    }

    private static List<String> ports(String service) {
        return ((List<?>) compose.get(service).getOrDefault("ports", List.of())).stream().map(Object::toString)
                .toList();
    }

    private static List<String> volumes(String service) {
        return ((List<?>) compose.get(service).getOrDefault("volumes", List.of())).stream().map(Object::toString)
                .toList();
    }
}
