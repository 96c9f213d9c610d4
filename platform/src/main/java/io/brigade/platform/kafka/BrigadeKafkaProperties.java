package io.brigade.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which topic a service publishes to and which topics feed which of its processing groups, by the names in
 * {@code io.brigade.contracts.Topics}. {@code topicPrefix} gives a test run topics of its own.
 */
@ConfigurationProperties("brigade.kafka")
public class BrigadeKafkaProperties {

    private String topicPrefix = "";
    private int partitions = 12;
    private String publishTopic;
    private Map<String, List<String>> consumers = new LinkedHashMap<>();
    private List<String> replayable = new ArrayList<>();
    private List<String> perInstance = new ArrayList<>();

    public String topic(String name) {
        return topicPrefix + name;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public String getPublishTopic() {
        return publishTopic;
    }

    public void setPublishTopic(String publishTopic) {
        this.publishTopic = publishTopic;
    }

    public Map<String, List<String>> getConsumers() {
        return consumers;
    }

    public void setConsumers(Map<String, List<String>> consumers) {
        this.consumers = consumers;
    }

    /** The consumer groups an operator may rebuild from offset zero: views only, never a group that sends commands. */
    public List<String> getReplayable() {
        return replayable;
    }

    public void setReplayable(List<String> replayable) {
        this.replayable = replayable;
    }

    /**
     * The consumer groups every instance of the service runs for itself, from the start of their topics, with the
     * position kept in memory: relays to the instance's own clients, never a view or anything that sends commands.
     */
    public List<String> getPerInstance() {
        return perInstance;
    }

    public void setPerInstance(List<String> perInstance) {
        this.perInstance = perInstance;
    }
}
