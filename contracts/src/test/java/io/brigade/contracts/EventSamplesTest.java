package io.brigade.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.brigade.contracts.billing.PaymentReceipt;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of the published language against a committed sample of its serialized form
 * ({@code src/test/resources/event-samples/<context>/<Event>.json}), as Axon's Jackson serializer writes it with the
 * services' Jackson settings. Topics keep every event and views replay from offset zero, so a change to an event's shape
 * fails here until its sample is rewritten on purpose ({@code -Dbrigade.event-samples.write=true}, then review and
 * commit the diff), following docs/events.md. Each sample must also still read back into the event as it is now.
 */
class EventSamplesTest {

    private static final String ROOT = Topics.class.getPackageName();
    private static final boolean WRITE = Boolean.getBoolean("brigade.event-samples.write");
    /** Records a command handler answers with: never stored, never published. */
    private static final Set<Class<?>> ANSWERS = Set.of(PaymentReceipt.class);
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JSON).build();

    @TestFactory
    Stream<DynamicTest> eachEventMatchesItsCommittedSample() {
        return events().stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            Object event = sample(type);
            String written = SERIALIZER.serialize(event, String.class).getData();
            Path file = samplesDirectory().resolve(context(type)).resolve(type.getSimpleName() + ".json");
            if (WRITE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(written))
                        + "\n");
            }
            assertThat(file).as("the committed sample of " + type.getName()).exists();
            String committed = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(JSON.readTree(written))
                    .as("%s is serialized as its committed sample %s: change an event only as docs/events.md says",
                            type.getName(), file)
                    .isEqualTo(JSON.readTree(committed));
            SerializedObject<String> stored = new SimpleSerializedObject<>(committed, String.class,
                    new SimpleSerializedType(type.getName(), SERIALIZER.typeForClass(type).getRevision()));
            assertThat((Object) SERIALIZER.deserialize(stored)).isEqualTo(event);
        }));
    }

    @Test
    void everySampleOnFileBelongsToAnEventThatExists() throws IOException {
        Set<String> expected = new HashSet<>();
        events().forEach(type -> expected.add(context(type) + "/" + type.getSimpleName() + ".json"));
        try (Stream<Path> files = Files.walk(samplesDirectory())) {
            List<String> found = files.filter(Files::isRegularFile)
                    .map(file -> samplesDirectory().relativize(file).toString().replace('\\', '/')).toList();
            assertThat(expected).containsExactlyInAnyOrderElementsOf(found);
        }
    }

    /**
     * The events: records of a context package that are no command (no {@link TargetAggregateIdentifier}), no value
     * carried inside another record ({@code OrderId}, {@code Money}, {@code BilledLine}...) and no command's answer.
     */
    static List<Class<?>> events() {
        List<Class<?>> records = classesOfContracts().stream().filter(Class::isRecord)
                .filter(type -> !type.getPackageName().equals(ROOT)).toList();
        Set<Class<?>> carried = new HashSet<>();
        for (Class<?> type : records) {
            for (RecordComponent component : type.getRecordComponents()) {
                carried.add(component.getType());
                if (component.getGenericType() instanceof ParameterizedType generic) {
                    for (Type argument : generic.getActualTypeArguments()) {
                        if (argument instanceof Class<?> element) {
                            carried.add(element);
                        }
                    }
                }
            }
        }
        return records.stream()
                .filter(type -> !carried.contains(type) && !ANSWERS.contains(type))
                .filter(type -> Stream.of(type.getRecordComponents())
                        .noneMatch(c -> c.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** An instance with a value in every field, the same on every run, so its serialized form can be committed. */
    static Object sample(Class<?> type) {
        return new Samples().of(type, type.getSimpleName());
    }

    private static String context(Class<?> type) {
        return type.getPackageName().substring(ROOT.length() + 1);
    }

    static Path samplesDirectory() {
        try {
            Path classes = Path.of(EventSamplesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().resolve("src/test/resources/event-samples");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<?>> classesOfContracts() {
        try {
            Path classes = Path.of(Topics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = classes.resolve(ROOT.replace('.', '/'));
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file).toString().replace('\\', '/').replace('/', '.');
                    found.add(Class.forName(name.substring(0, name.length() - ".class".length())));
                }
            }
            return found;
        } catch (URISyntaxException | IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Values made from the field's name, so two fields of one type differ and a swap shows in the sample. */
    private static final class Samples {

        private int counter;

        Object of(Class<?> type, String name) {
            counter++;
            if (type == String.class) {
                return name;
            }
            if (type == int.class || type == Integer.class) {
                return counter;
            }
            if (type == long.class || type == Long.class) {
                return 1000L + counter;
            }
            if (type == boolean.class || type == Boolean.class) {
                return true;
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(counter + ".5");
            }
            if (type == Instant.class) {
                return Instant.parse("2026-05-01T19:30:00Z").plusSeconds(counter);
            }
            if (type == UUID.class) {
                return UUID.nameUUIDFromBytes((name + counter).getBytes(StandardCharsets.UTF_8));
            }
            if (type.isEnum()) {
                return type.getEnumConstants()[0];
            }
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Object[] values = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = components[i].getType() == List.class
                            ? List.of(of((Class<?>) ((ParameterizedType) components[i].getGenericType())
                            .getActualTypeArguments()[0], components[i].getName()))
                            : of(components[i].getType(), components[i].getName());
                }
                try {
                    return type.getDeclaredConstructor(types).newInstance(values);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot make a sample " + type.getName(), e);
                }
            }
            throw new IllegalStateException("No sample value for " + type.getName() + " " + name);
        }
    }
}
