package io.brigade.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.test.PrometheusScrape;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;

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
                Map<String, Long> millis = restaurant.metrics(service)
                        .map(metrics -> handlingLag(service, PrometheusScrape.parse(metrics))).orElse(Map.of());
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
    private Map<String, Long> handlingLag(String service, PrometheusScrape metrics) {
        Map<String, Long> lag = new HashMap<>();
        for (PrometheusScrape.Sample latency : metrics.find("eventProcessor_latency", Map.of())) {
            String processor = latency.labels().get("processor");
            double ingested = metrics.sum("eventProcessor_ingestedCounter_total", Map.of("processor", processor));
            Double before = ingestedBefore.put(service + " " + processor, ingested);
            if (before != null && ingested > before) {
                lag.put(processor, Math.round(latency.value()));
            }
        }
        return lag;
    }

    @Override
    public void close() {
        every.cancel();
    }
}
