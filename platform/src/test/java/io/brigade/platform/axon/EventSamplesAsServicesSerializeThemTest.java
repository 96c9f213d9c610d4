package io.brigade.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed event samples of {@code contracts} are read and written unchanged by the serializer the services
 * really use: Axon's Jackson serializer on the ObjectMapper Spring Boot configures (Axon takes Boot's mapper when there
 * is one). {@code contracts} pins the samples without Spring; this shows its mapper settings are the services'.
 */
class EventSamplesAsServicesSerializeThemTest {

    private static final Path SAMPLES = Path.of("..", "contracts", "src", "test", "resources", "event-samples");

    @TestFactory
    Stream<DynamicTest> everyCommittedSampleRoundTripsThroughTheServicesSerializer() throws IOException {
        ObjectMapper boots = bootsObjectMapper();
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(boots).build();
        List<Path> samples;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            samples = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThan(40);
        return samples.stream().map(file -> DynamicTest.dynamicTest(SAMPLES.relativize(file).toString(), () -> {
            String context = file.getParent().getFileName().toString();
            String name = file.getFileName().toString().replace(".json", "");
            Class<?> type = Class.forName("io.brigade.contracts." + context + "." + name);
            String committed = Files.readString(file);
            Object event = serializer.deserialize(new SimpleSerializedObject<>(committed, String.class,
                    new SimpleSerializedType(type.getName(), serializer.typeForClass(type).getRevision())));
            String written = serializer.serialize(event, String.class).getData();
            assertThat(boots.readTree(written)).isEqualTo(boots.readTree(committed));
        }));
    }

    private static ObjectMapper bootsObjectMapper() {
        AtomicReference<ObjectMapper> mapper = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> mapper.set(context.getBean(ObjectMapper.class)));
        return mapper.get();
    }
}
