package io.brigade.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every event processor's lag through the rush, read once a second from the services' own figures:
 * <ul>
 *     <li>in events: what each processor has still to handle, as an operator reads it through the gateway
 *     ({@code /api/v1/ops/{service}/processors});</li>
 *     <li>in time: how old the last event a processor handled was when it handled it ({@code eventProcessor_latency}
 *     of the service's {@code /actuator/prometheus}), counted only for a processor that handled events since the
 *     last reading (the gauge keeps its last value, however old, while a processor has nothing to do). A service's
 *     own address is known only for a devstack the rush started.</li>
 * </ul>
 */
final class ProcessorLag implements AutoCloseable {

    private static final Pattern LATENCY = Pattern.compile("^eventProcessor_latency\\{([^}]*)}\\s+(\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern INGESTED = Pattern.compile(
            "^eventProcessor_ingestedCounter_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern PROCESSOR = Pattern.compile("processor=\"([^\"]+)\"");

    private final RushRestaurant restaurant;
    private final RushRecorder recorder;
    private final Map<String, Double> ingestedBefore = new HashMap<>();
    private final Timer every = new Timer("processor-lag", true);

    private ProcessorLag(RushRestaurant restaurant, RushRecorder recorder) {
        this.restaurant = restaurant;
        this.recorder = recorder;
    }

    static ProcessorLag everySecond(RushRestaurant restaurant, RushRecorder recorder) {
        ProcessorLag lag = new ProcessorLag(restaurant, recorder);
        lag.every.schedule(new TimerTask() {
            @Override
            public void run() {
                lag.read();
            }
        }, 0, 1000);
        return lag;
    }

    private void read() {
        for (String service : RushRestaurant.SERVICE_PORTS.keySet()) {
            try {
                Map<String, Long> millis = restaurant.metrics(service).map(metrics -> handlingLag(service, metrics))
                        .orElse(Map.of());
                for (JsonNode processor : restaurant.processors(service)) {
                    String name = processor.path("name").asText();
                    recorder.processorLag(service + " " + name, processor.path("lag").asLong(),
                            Optional.ofNullable(millis.get(name)));
                }
            } catch (RuntimeException e) {
                recorder.processorLagUnread(service + ": " + e.getMessage());
            }
        }
    }

    /** How old the last event was, of each of the service's processors that handled events since the last reading. */
    private Map<String, Long> handlingLag(String service, String metrics) {
        Map<String, Long> lag = new HashMap<>();
        Map<String, Double> ingested = values(INGESTED, metrics);
        values(LATENCY, metrics).forEach((processor, millis) -> {
            Double now = ingested.get(processor);
            Double before = ingestedBefore.put(service + " " + processor, now);
            if (now != null && before != null && now > before) {
                lag.put(processor, Math.round(millis));
            }
        });
        return lag;
    }

    private static Map<String, Double> values(Pattern metric, String metrics) {
        Map<String, Double> values = new HashMap<>();
        Matcher line = metric.matcher(metrics);
        while (line.find()) {
            Matcher processor = PROCESSOR.matcher(line.group(1));
            if (processor.find()) {
                values.merge(processor.group(1), Double.parseDouble(line.group(2)), Double::sum);
            }
        }
        return values;
    }

    @Override
    public void close() {
        every.cancel();
    }
}
