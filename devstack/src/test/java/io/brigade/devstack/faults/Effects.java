package io.brigade.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.devstack.faults.EventStores.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each command of the history left in the store of the service that owns it: the events that are its effect.
 * A command answered 2xx with no such event was lost; one with more than one, or a line that went to the kitchen,
 * onto a ticket or onto the table twice, was doubled.
 */
final class Effects {

    private final List<StoredEvent> orders;
    private final List<StoredEvent> kitchen;
    private final List<StoredEvent> billing;

    /** Events counted by type and the id a command names them by, so each command is looked up at once. */
    private final Map<String, Long> byId = new HashMap<>();

    Effects(List<StoredEvent> orders, List<StoredEvent> kitchen, List<StoredEvent> billing) {
        this.orders = orders;
        this.kitchen = kitchen;
        this.billing = billing;
        for (StoredEvent e : orders) {
            index(e, e.type().equals("OrderLineAdded") ? e.text("lineId") : e.aggregateId());
        }
        for (StoredEvent e : kitchen) {
            index(e, e.type().startsWith("TicketItem") ? e.aggregateId() + " " + e.text("lineId") : e.aggregateId());
        }
        for (StoredEvent e : billing) {
            index(e, e.type().equals("PaymentRecorded") ? e.text("paymentId") : e.aggregateId());
        }
    }

    private void index(StoredEvent event, String id) {
        byId.merge(event.type() + " " + id, 1L, Long::sum);
    }

    private long counted(String type, String id) {
        return byId.getOrDefault(type + " " + id, 0L);
    }

    /** How many events of the owning store are the effect of this command. */
    long of(History.Entry command) {
        String order = command.id("orderId");
        return switch (command.command()) {
            case "open order" -> counted("OrderOpened", order);
            case "add line" -> counted("OrderLineAdded", command.id("lineId"));
            case "send" -> counted("OrderLinesSent", order);
            case "serve" -> counted("OrderLinesServed", order);
            case "ask for the bill" -> counted("BillRequested", order);
            case "pay" -> counted("PaymentRecorded", command.id("paymentId"));
            case "start item" -> counted("TicketItemStarted", command.id("ticketId") + " " + command.id("lineId"));
            case "ready item" -> counted("TicketItemReady", command.id("ticketId") + " " + command.id("lineId"));
            case "bump" -> counted("TicketBumped", command.id("ticketId"));
            default -> throw new IllegalArgumentException("No effect known for " + command.command());
        };
    }

    /** Answered 2xx and nothing stored; a send that sent no line has nothing to store. */
    boolean lost(History.Entry command) {
        if (!command.acknowledged()) {
            return false;
        }
        if (command.command().equals("send") && command.answer() != null
                && command.answer().contains("\"sentLines\":0")) {
            return false;
        }
        return of(command) == 0;
    }

    /**
     * Stored more than once: the command's own event twice, or (for the commands that act on lines of an order) a
     * line of its order sent, put on a ticket or served twice.
     */
    boolean doubled(History.Entry command) {
        String order = command.id("orderId");
        return switch (command.command()) {
            case "send" -> !linesTwice(orders, "OrderLinesSent", order, "lines").isEmpty()
                    || !ticketItemsTwice(order).isEmpty();
            case "serve" -> !linesTwice(orders, "OrderLinesServed", order, "lineIds").isEmpty();
            default -> of(command) > 1;
        };
    }

    /** Lines of any order on more than one kitchen ticket. */
    List<String> ticketItemsTwice(String order) {
        Map<String, Integer> seen = new HashMap<>();
        kitchen.stream().filter(e -> e.type().equals("TicketCreated"))
                .filter(e -> order == null || e.text("orderId").equals(order))
                .forEach(e -> e.payload().path("items").forEach(item -> seen.merge(item.path("lineId").asText(), 1,
                        Integer::sum)));
        return seen.entrySet().stream().filter(line -> line.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Every line sent to the kitchen, from the orders' store, each as often as it was sent. */
    List<String> linesSent() {
        List<String> lines = new ArrayList<>();
        orders.stream().filter(e -> e.type().equals("OrderLinesSent"))
                .forEach(e -> e.payload().path("lines").forEach(line -> lines.add(line.path("lineId").asText())));
        return lines;
    }

    /** Every item on a kitchen ticket, from the kitchen's store, each as often as it was put on one. */
    List<String> ticketItems() {
        List<String> lines = new ArrayList<>();
        kitchen.stream().filter(e -> e.type().equals("TicketCreated"))
                .forEach(e -> e.payload().path("items").forEach(item -> lines.add(item.path("lineId").asText())));
        return lines;
    }

    /** Ids that one event type should hold once at most, but holds more often: bills per request, payments. */
    Map<String, Long> storedTwice() {
        Map<String, Long> twice = new HashMap<>();
        countBy(orders, "OrderOpened", StoredEvent::aggregateId, twice);
        countBy(orders, "OrderClosed", StoredEvent::aggregateId, twice);
        countBy(billing, "BillIssued", e -> e.text("orderId") + " request " + e.text("requestNumber"), twice);
        countBy(billing, "BillPaid", StoredEvent::aggregateId, twice);
        countBy(billing, "PaymentRecorded", e -> e.text("paymentId"), twice);
        countBy(kitchen, "TicketCreated", e -> e.text("orderId") + " send " + e.text("sendNumber") + " "
                + e.text("station"), twice);
        twice.values().removeIf(count -> count < 2);
        return twice;
    }

    List<StoredEvent> orders() {
        return orders;
    }

    List<StoredEvent> kitchen() {
        return kitchen;
    }

    List<StoredEvent> billing() {
        return billing;
    }

    private static void countBy(List<StoredEvent> store, String type,
                                java.util.function.Function<StoredEvent, String> key, Map<String, Long> into) {
        Map<String, Long> counts = new HashMap<>();
        store.stream().filter(e -> e.type().equals(type)).forEach(e -> counts.merge(key.apply(e), 1L, Long::sum));
        counts.forEach((id, count) -> into.put(type + " " + id, count));
    }

    private static List<String> linesTwice(List<StoredEvent> store, String type, String order, String field) {
        Map<String, Integer> seen = new HashMap<>();
        store.stream().filter(e -> e.type().equals(type) && e.aggregateId().equals(order)).forEach(e -> {
            for (JsonNode line : e.payload().path(field)) {
                seen.merge(line.isTextual() ? line.asText() : line.path("lineId").asText(), 1, Integer::sum);
            }
        });
        return seen.entrySet().stream().filter(line -> line.getValue() > 1).map(Map.Entry::getKey).toList();
    }
}
