package io.brigade.reporting.evening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.reporting.evening.PublishedEvents.Event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What each report must say, worked out from the published events alone, as a manager with a spreadsheet would:
 * each event counted once per aggregate and sequence; a bill's sale on the instant it was first fully paid (lines and
 * service charge gross, its discount, its tax, net of tax, the tips of the payments standing then); refunds and later
 * payments on their own instants with the bill's share of tax; voided bills and cancelled orders left out; best sellers
 * from the lines of the bills sold; kitchen times from ticket created to its last bump, nearest-rank percentiles.
 */
final class ExpectedReports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private record Money(Instant at, String billId, int orders, long gross, long discount, long tax, long net,
                         long tips) {
    }

    private static final class Order {
        String waiter;
        int guests;
        boolean cancelled;
        final Map<String, Long> lines = new HashMap<>();
    }

    private static final class Bill {
        String orderId;
        int table;
        long subtotal, discount, serviceCharge, tax, total, tips;
        boolean voided;
        Instant paidAt;
        final List<JsonNode> lines = new ArrayList<>();
    }

    private static final class Ticket {
        String station;
        Instant created;
        Instant bumped;
        boolean voided;
    }

    private final ZoneId zone;
    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Bill> bills = new HashMap<>();
    private final Map<String, Ticket> tickets = new HashMap<>();
    private final Set<String> delayed = new HashSet<>();
    private final List<Money> money = new ArrayList<>();
    private final List<Map<String, Object>> adjustments = new ArrayList<>();

    ExpectedReports(List<Event> events, ZoneId zone) {
        this.zone = zone;
        Set<String> seen = new HashSet<>();
        for (Event event : events) {
            if (event.aggregateId() != null && seen.add(event.aggregateId() + "#" + event.sequence())) {
                apply(event);
            }
        }
    }

    private void apply(Event e) {
        JsonNode p = e.payload();
        if (e.is("OrderOpened")) {
            Order order = new Order();
            order.waiter = e.username();
            order.guests = p.path("guests").asInt();
            orders.put(e.aggregateId(), order);
        } else if (e.is("OrderLineAdded")) {
            orders.get(e.aggregateId()).lines.put(p.path("lineId").asText(),
                    p.path("unitPrice").asLong() * p.path("quantity").asLong());
        } else if (e.is("OrderLineRemoved")) {
            orders.get(e.aggregateId()).lines.remove(p.path("lineId").asText());
        } else if (e.is("OrderLineVoided")) {
            adjustment(e, "VOID", e.aggregateId(), null,
                    orders.get(e.aggregateId()).lines.get(p.path("lineId").asText()));
        } else if (e.is("OrderCancelled")) {
            orders.get(e.aggregateId()).cancelled = true;
        } else if (e.is("KitchenDelayed")) {
            delayed.add(p.path("ticketId").asText());
        } else if (e.is("BillIssued")) {
            Bill bill = new Bill();
            bill.orderId = p.path("orderId").asText();
            bill.table = p.path("tableNumber").asInt();
            amounts(bill, p.path("amounts"));
            p.path("lines").forEach(bill.lines::add);
            bills.put(e.aggregateId(), bill);
        } else if (e.is("DiscountGranted")) {
            Bill bill = bills.get(e.aggregateId());
            amounts(bill, p.path("amounts"));
            boolean comp = p.path("kind").asText().equals("PERCENT") && p.path("value").decimalValue()
                    .compareTo(BigDecimal.valueOf(100)) == 0;
            adjustment(e, comp ? "COMP" : "DISCOUNT", bill.orderId, e.aggregateId(), p.path("amount").asLong());
        } else if (e.is("PaymentRecorded")) {
            moneyMoved(e, bills.get(e.aggregateId()), p.path("amount").asLong(), p.path("tip").asLong());
        } else if (e.is("PaymentRefunded")) {
            Bill bill = bills.get(e.aggregateId());
            moneyMoved(e, bill, -p.path("amount").asLong(), -p.path("tip").asLong());
            adjustment(e, "REFUND", bill.orderId, e.aggregateId(), p.path("amount").asLong());
        } else if (e.is("BillPaid")) {
            Bill bill = bills.get(e.aggregateId());
            if (bill.paidAt == null) {
                bill.paidAt = e.at();
                money.add(new Money(e.at(), e.aggregateId(), 1, bill.subtotal + bill.serviceCharge, bill.discount,
                        bill.tax, bill.total - bill.tax, bill.tips));
            }
        } else if (e.is("BillVoided")) {
            Bill bill = bills.get(e.aggregateId());
            bill.voided = true;
            adjustment(e, "BILL_VOID", bill.orderId, e.aggregateId(), bill.total);
        } else if (e.is("TicketCreated")) {
            Ticket ticket = new Ticket();
            ticket.station = p.path("station").asText().trim().toLowerCase();
            ticket.created = e.at();
            tickets.put(e.aggregateId(), ticket);
        } else if (e.is("TicketBumped")) {
            tickets.get(e.aggregateId()).bumped = e.at();
        } else if (e.is("TicketRecalled")) {
            tickets.get(e.aggregateId()).bumped = null;
        } else if (e.is("TicketVoided")) {
            tickets.get(e.aggregateId()).voided = true;
        }
    }

    private void moneyMoved(Event e, Bill bill, long amount, long tip) {
        if (bill.paidAt == null) {
            bill.tips += tip;
            return;
        }
        long tax = bill.total == 0 ? 0 : BigDecimal.valueOf(amount * bill.tax)
                .divide(BigDecimal.valueOf(bill.total), 0, RoundingMode.HALF_UP).longValue();
        money.add(new Money(e.at(), e.aggregateId(), 0, amount, 0, tax, amount - tax, tip));
    }

    private static void amounts(Bill bill, JsonNode amounts) {
        bill.subtotal = amounts.path("subtotal").asLong();
        bill.discount = amounts.path("discount").asLong();
        bill.serviceCharge = amounts.path("serviceCharge").asLong();
        bill.tax = amounts.path("tax").asLong();
        bill.total = amounts.path("total").asLong();
    }

    private void adjustment(Event e, String kind, String orderId, String billId, long amount) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", e.at().toString());
        row.put("kind", kind);
        row.put("orderId", orderId);
        row.put("billId", billId);
        row.put("amountCents", amount);
        row.put("reason", e.payload().path("reason").asText(null));
        row.put("by", e.username());
        row.put("approvedBy", Set.of("MANAGER", "ADMIN").contains(e.role()) ? e.username() : null);
        row.put("eventId", e.messageId());
        adjustments.add(row);
    }

    private boolean counts(Bill bill) {
        Order order = orders.get(bill.orderId);
        return !bill.voided && (order == null || !order.cancelled);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /** The sales report's rows and totals. */
    JsonNode sales(Instant from, Instant to, String groupBy) {
        Function<Money, String> key = switch (groupBy) {
            case "hour" -> m -> HOUR.format(m.at().atZone(zone));
            case "day" -> m -> DAY.format(m.at().atZone(zone));
            case "waiter" -> m -> {
                Order order = orders.get(bills.get(m.billId()).orderId);
                return order == null || order.waiter == null ? "" : order.waiter;
            };
            default -> m -> Integer.toString(bills.get(m.billId()).table);
        };
        Comparator<String> order = groupBy.equals("table") ? Comparator.comparingInt(Integer::parseInt)
                : Comparator.naturalOrder();
        Map<String, long[]> rows = new TreeMap<>(order);
        for (Money m : money) {
            Bill bill = bills.get(m.billId());
            if (!counts(bill) || !within(m.at(), from, to)) {
                continue;
            }
            long[] row = rows.computeIfAbsent(key.apply(m), k -> new long[7]);
            Order o = orders.get(bill.orderId);
            row[0] += m.orders();
            row[1] += m.orders() > 0 && o != null ? o.guests : 0;
            row[2] += m.gross();
            row[3] += m.discount();
            row[4] += m.tax();
            row[5] += m.net();
            row[6] += m.tips();
        }
        ArrayNode list = JSON.createArrayNode();
        long[] totals = new long[7];
        rows.forEach((k, row) -> {
            ObjectNode node = salesFigures(row);
            node.put("key", k);
            list.add(node);
            for (int i = 0; i < 7; i++) {
                totals[i] += row[i];
            }
        });
        ObjectNode report = JSON.createObjectNode();
        report.set("rows", list);
        report.set("totals", salesFigures(totals));
        return normal(report);
    }

    private static ObjectNode salesFigures(long[] row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("orders", row[0]);
        node.put("covers", row[1]);
        node.put("grossCents", row[2]);
        node.put("discountCents", row[3]);
        node.put("taxCents", row[4]);
        node.put("netCents", row[5]);
        node.put("tipsCents", row[6]);
        node.put("averageCheckCents", row[0] == 0 ? 0 : BigDecimal.valueOf(row[2] - row[3])
                .divide(BigDecimal.valueOf(row[0]), 0, RoundingMode.HALF_UP).longValue());
        return node;
    }

    JsonNode items(Instant from, Instant to) {
        Map<String, long[]> sold = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        bills.values().stream().filter(b -> b.paidAt != null && counts(b) && within(b.paidAt, from, to))
                .flatMap(b -> b.lines.stream()).forEach(line -> {
                    String item = line.path("menuItemId").asText();
                    long[] figures = sold.computeIfAbsent(item, k -> new long[2]);
                    figures[0] += line.path("quantity").asLong();
                    figures[1] += line.path("total").asLong();
                    names.merge(item, line.path("name").asText(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                });
        ArrayNode list = JSON.createArrayNode();
        sold.entrySet().stream().sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[1]).thenComparing(e -> names.get(e.getKey())))
                .forEach(e -> {
                    ObjectNode node = list.addObject();
                    node.put("menuItemId", e.getKey());
                    node.put("name", names.get(e.getKey()));
                    node.put("quantity", e.getValue()[0]);
                    node.put("grossCents", e.getValue()[1]);
                });
        return normal(list);
    }

    JsonNode kitchen(Instant from, Instant to) {
        Map<String, List<Ticket>> byStation = new TreeMap<>();
        tickets.entrySet().stream().filter(t -> !t.getValue().voided && within(t.getValue().created, from, to))
                .forEach(t -> byStation.computeIfAbsent(t.getValue().station, s -> new ArrayList<>())
                        .add(t.getValue()));
        Map<Ticket, String> ids = new HashMap<>();
        tickets.forEach((id, t) -> ids.put(t, id));
        ArrayNode list = JSON.createArrayNode();
        byStation.forEach((station, all) -> {
            List<BigDecimal> seconds = all.stream().filter(t -> t.bumped != null)
                    .map(t -> BigDecimal.valueOf(t.bumped.toEpochMilli() - t.created.toEpochMilli(), 3))
                    .sorted().toList();
            ObjectNode node = list.addObject();
            node.put("station", station);
            node.put("tickets", all.size());
            node.put("p50Seconds", rank(seconds, 0.5));
            node.put("p90Seconds", rank(seconds, 0.9));
            node.put("maxSeconds", seconds.isEmpty() ? null : seconds.get(seconds.size() - 1));
            node.put("delayed", all.stream().filter(t -> delayed.contains(ids.get(t))).count());
        });
        return normal(list);
    }

    private static BigDecimal rank(List<BigDecimal> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    JsonNode adjustments(Instant from, Instant to) {
        ArrayNode list = JSON.createArrayNode();
        adjustments.stream().filter(a -> within(Instant.parse((String) a.get("at")), from, to))
                .sorted(Comparator.<Map<String, Object>, Instant>comparing(a -> Instant.parse((String) a.get("at")))
                        .thenComparing(a -> (String) a.get("eventId")))
                .forEach(a -> {
                    Map<String, Object> row = new LinkedHashMap<>(a);
                    row.remove("eventId");
                    list.add(JSON.valueToTree(row));
                });
        return normal(list);
    }

    /** Figures in the same JSON form an HTTP answer is read into. */
    private static JsonNode normal(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long paidBills() {
        return bills.values().stream().filter(b -> b.paidAt != null && counts(b)).count();
    }

    long eventsOf(String kind) {
        return adjustments.stream().filter(a -> a.get("kind").equals(kind)).count();
    }

    long delayedTickets() {
        return delayed.size();
    }
}
