package io.brigade.platform.kafka;

import io.brigade.contracts.Topics;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fails the start of a service whose processing groups and {@code brigade.kafka.consumers} do not add up. Only Kafka
 * brings another service's events: a group handling them without its topic among its consumers would read the local
 * event store and silently never see one. Each handled event's topic follows from its package in {@code contracts}
 * ({@link Topics#of}); the service's own topic may also be read from the local store.
 */
@AutoConfiguration
public class ProcessingGroupTopics {

    /** Runs before any bean is made, so a wrongly wired service stops before it touches its database or Kafka. */
    @Bean
    static BeanFactoryPostProcessor processingGroupTopicsCheck(Environment environment) {
        return beans -> {
            BrigadeKafkaProperties kafka = Binder.get(environment)
                    .bind("brigade.kafka", BrigadeKafkaProperties.class).orElseGet(BrigadeKafkaProperties::new);
            List<Class<?>> handlers = new ArrayList<>();
            for (String name : beans.getBeanDefinitionNames()) {
                Class<?> type = beans.getType(name, false);
                if (type != null) {
                    handlers.add(ClassUtils.getUserClass(type));
                }
            }
            List<String> mistakes = mistakes(topicsByGroup(handlers), kafka.getConsumers(), kafka.getPublishTopic());
            if (!mistakes.isEmpty()) {
                throw new IllegalStateException("Processing groups and brigade.kafka.consumers do not agree:\n  "
                        + String.join("\n  ", mistakes));
            }
        };
    }

    /** The topics whose events each processing group among these classes handles. */
    static Map<String, Set<String>> topicsByGroup(Collection<Class<?>> classes) {
        Map<String, Set<String>> topics = new TreeMap<>();
        for (Class<?> type : classes) {
            ReflectionUtils.doWithMethods(type, method -> handledTopic(method).ifPresent(topic ->
                            topics.computeIfAbsent(group(type), g -> new TreeSet<>()).add(topic)),
                    method -> AnnotatedElementUtils.hasAnnotation(method, EventHandler.class));
        }
        return topics;
    }

    /** What is wrong, one sentence each; empty when every group reads every topic whose events it handles. */
    static List<String> mistakes(Map<String, Set<String>> handled, Map<String, List<String>> consumers,
                                 String publishTopic) {
        List<String> mistakes = new ArrayList<>();
        handled.forEach((group, topics) -> {
            List<String> read = consumers.get(group);
            for (String topic : topics) {
                if (read == null && !topic.equals(publishTopic)) {
                    mistakes.add("'" + group + "' handles events of " + topic + " but reads only this service's "
                            + "event store: add brigade.kafka.consumers." + group + ": " + topic);
                } else if (read != null && !read.contains(topic)) {
                    mistakes.add("'" + group + "' handles events of " + topic + " but reads only " + read
                            + ": add " + topic + " to brigade.kafka.consumers." + group);
                }
            }
        });
        consumers.keySet().stream().filter(group -> !handled.containsKey(group)).forEach(group ->
                mistakes.add("brigade.kafka.consumers." + group + " names a group with no event handler"));
        return mistakes;
    }

    private static java.util.Optional<String> handledTopic(Method method) {
        EventHandler handler = AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class);
        Class<?> payload = handler != null && handler.payloadType() != Object.class ? handler.payloadType()
                : method.getParameterCount() > 0 ? method.getParameterTypes()[0] : Object.class;
        return Topics.of(payload);
    }

    /** The group Axon assigns: the one named on the class, else its package (a saga's: its name and "Processor"). */
    private static String group(Class<?> type) {
        ProcessingGroup named = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
        if (named != null) {
            return named.value();
        }
        return AnnotatedElementUtils.hasAnnotation(type, Saga.class) ? type.getSimpleName() + "Processor"
                : type.getPackageName();
    }
}
