package io.brigade.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.billing.BillReopened;
import io.brigade.contracts.billing.DiscountGranted;
import io.brigade.contracts.billing.DiscountKind;
import io.brigade.contracts.billing.PaymentId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.PaymentRefunded;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.kitchen.TicketItemReady;
import io.brigade.contracts.kitchen.TicketItemStarted;
import io.brigade.contracts.order.BillAttached;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.ChosenModifier;
import io.brigade.contracts.order.KitchenDelayed;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesReady;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.OrderLinesServed;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.contracts.order.SentLine;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * A year of a restaurant's history written to the topics as the services publish it (Axon's headers, JSON payloads,
 * aggregate id as key, the event's own instant): orders with modifiers, sends, tickets cooked item by item and bumped,
 * bills with discounts, comps, tips, refunds; now and then a void, a delay or a cancelled order. About 27 events an
 * order, spread over the evenings of 365 days.
 */
final class RestaurantHistory {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String[] STATIONS = {"grill", "fryer", "cold", "bar", "pastry"};
    private static final String[] WAITERS = {"camille", "jules", "noor", "ines", "tom"};

    private record Dish(MenuItemId id, String name, String station, long price) {
    }

    private final Function<String, String> topics;
    private final Random random = new Random(365);
    private final List<Dish> menu = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final DefaultKafkaMessageConverter converter;
    private long written;

    RestaurantHistory(String bootstrapServers, Function<String, String> topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
        this.converter = DefaultKafkaMessageConverter.builder().serializer(JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build()).build();
        for (int i = 0; i < 40; i++) {
            menu.add(new Dish(MenuItemId.random(), "Dish " + i, STATIONS[i % STATIONS.length], 450 + 150L * i));
        }
    }

    /** Writes whole orders until at least {@code events} events are on the topics; answers how many were written. */
    long write(long events) {
        LocalDate first = LocalDate.of(2025, 12, 1);
        long perDay = Math.max(1, events / 27 / 365);
        int day = 0;
        while (written < events) {
            Instant opening = first.plusDays(day % 365).atTime(18, 0).atZone(PARIS).toInstant();
            for (int i = 0; i < perDay && written < events; i++) {
                order(opening.plusSeconds(random.nextInt(5 * 3600)));
            }
            day++;
        }
        producer.flush();
        return written;
    }

    private void order(Instant at) {
        OrderId order = OrderId.random();
        String waiter = WAITERS[random.nextInt(WAITERS.length)];
        Map<String, String> staff = Map.of("username", waiter, "role", "STAFF");
        Map<String, String> manager = Map.of("username", "marco", "role", "MANAGER");
        int table = 1 + random.nextInt(20);
        TableId tableId = new TableId(new UUID(0, table));
        long[] seq = {0};
        Instant[] now = {at};
        java.util.function.BiConsumer<Object, Map<String, String>> onOrder = (payload, who) -> {
            send(Topics.ORDER_EVENTS, "Order", order.toString(), seq[0]++, payload, who, now[0]);
            now[0] = now[0].plusSeconds(20 + random.nextInt(60));
        };
        onOrder.accept(new OrderOpened(order, tableId, table, 1 + random.nextInt(6)), staff);
        List<BilledLine> billed = new ArrayList<>();
        List<SentLine> sent = new ArrayList<>();
        int lines = 2 + random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            Dish dish = menu.get(random.nextInt(menu.size()));
            LineId line = LineId.random();
            int quantity = 1 + random.nextInt(2);
            List<ChosenModifier> modifiers = random.nextInt(4) == 0
                    ? List.of(new ChosenModifier(ModifierId.random(), "Extra sauce", Money.ofCents(150))) : List.of();
            long unit = dish.price() + modifiers.stream().mapToLong(m -> m.price().cents()).sum();
            onOrder.accept(new OrderLineAdded(order, line, dish.id(), dish.name(), dish.station(), quantity,
                    modifiers, Money.ofCents(unit), 1 + i % 4, 1, null, List.of()), staff);
            billed.add(new BilledLine(line, dish.id(), dish.name(), quantity, Money.ofCents(unit),
                    Money.ofCents(unit * quantity), 1 + i % 4));
            sent.add(new SentLine(line, dish.id(), dish.name(), dish.station(), quantity,
                    modifiers.stream().map(ChosenModifier::name).toList(), 1 + i % 4, 1, null, List.of()));
        }
        onOrder.accept(new OrderLinesSent(order, 1, tableId, table, null, sent), staff);
        if (random.nextInt(100) == 0) {
            onOrder.accept(new OrderCancelled(order, tableId, "guests left"), manager);
            return;
        }
        if (random.nextInt(20) == 0) {
            BilledLine voided = billed.remove(0);
            onOrder.accept(new OrderLineVoided(order, voided.lineId(), "grill", 1, "wrong dish"), manager);
        }
        cook(order, sent, now, random.nextInt(10) == 0 ? onOrder : null);
        onOrder.accept(new OrderLinesReady(order, sent.stream().map(SentLine::lineId).toList()), staff);
        onOrder.accept(new OrderLinesServed(order, sent.stream().map(SentLine::lineId).toList()), staff);
        if (billed.isEmpty()) {
            return;
        }
        long subtotal = billed.stream().mapToLong(l -> l.total().cents()).sum();
        onOrder.accept(new BillRequested(order, 1, tableId, table, billed, Money.ofCents(subtotal)), staff);
        BillId bill = BillId.forRequest(order, 1);
        long[] billSeq = {0};
        java.util.function.BiConsumer<Object, Map<String, String>> onBill = (payload, who) -> {
            send(Topics.BILLING_EVENTS, "Bill", bill.toString(), billSeq[0]++, payload, who, now[0]);
            now[0] = now[0].plusSeconds(10 + random.nextInt(40));
        };
        long total = subtotal;
        onBill.accept(new BillIssued(bill, order, 1, table, billed,
                new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO), amounts(subtotal, 0)), staff);
        onOrder.accept(new BillAttached(order, bill), staff);
        int dice = random.nextInt(100);
        if (dice < 8) {
            boolean comp = dice < 2;
            long discount = comp ? subtotal : subtotal / 10;
            total = subtotal - discount;
            onBill.accept(new DiscountGranted(bill, order, DiscountKind.PERCENT,
                    BigDecimal.valueOf(comp ? 100 : 10), comp ? "birthday" : "regulars", Money.ofCents(discount),
                    amounts(subtotal, discount), Money.ofCents(total)), manager);
        }
        if (total > 0) {
            PaymentId payment = PaymentId.random();
            long tip = 100L * random.nextInt(6);
            onBill.accept(new PaymentRecorded(bill, order, payment, null, PaymentMethod.CARD, Money.ofCents(total),
                    Money.ofCents(tip), Money.ZERO, null, Money.ZERO), staff);
            onBill.accept(new BillPaid(bill, order), staff);
            if (random.nextInt(50) == 0) {
                onBill.accept(new PaymentRefunded(bill, order, payment, null, Money.ofCents(total),
                        Money.ofCents(tip), "charged twice", Money.ofCents(total)), manager);
                onBill.accept(new BillReopened(bill, order, Money.ofCents(total)), manager);
                onBill.accept(new PaymentRecorded(bill, order, PaymentId.random(), null, PaymentMethod.CASH,
                        Money.ofCents(total), Money.ZERO, Money.ZERO, null, Money.ZERO), staff);
                onBill.accept(new BillPaid(bill, order), staff);
            }
        } else {
            onBill.accept(new BillPaid(bill, order), manager);
        }
        onOrder.accept(new OrderClosed(order, tableId, bill), staff);
    }

    private void cook(OrderId order, List<SentLine> sent, Instant[] now,
                      java.util.function.BiConsumer<Object, Map<String, String>> delays) {
        Map<String, String> cook = Map.of("username", "carlos", "role", "KITCHEN");
        for (String station : sent.stream().map(SentLine::station).distinct().toList()) {
            TicketId ticket = TicketId.forSend(order, 1, station);
            List<SentLine> mine = sent.stream().filter(l -> l.station().equals(station)).toList();
            long[] seq = {0};
            Instant created = now[0];
            send(Topics.KITCHEN_EVENTS, "KitchenTicket", ticket.toString(), seq[0]++, new TicketCreated(ticket,
                    order, 1, 1, station, mine.stream().map(l -> new TicketItem(l.lineId(), l.menuItemId(), l.name(),
                            l.quantity(), l.modifiers(), l.seat(), l.course(), null, List.of())).toList()),
                    cook, created);
            if (delays != null) {
                delays.accept(new KitchenDelayed(order, ticket, station, created), Map.of());
            }
            Instant t = created;
            for (SentLine line : mine) {
                t = t.plusSeconds(30 + random.nextInt(300));
                send(Topics.KITCHEN_EVENTS, "KitchenTicket", ticket.toString(), seq[0]++,
                        new TicketItemStarted(ticket, order, line.lineId()), cook, t);
                t = t.plusSeconds(60 + random.nextInt(600));
                send(Topics.KITCHEN_EVENTS, "KitchenTicket", ticket.toString(), seq[0]++,
                        new TicketItemReady(ticket, order, line.lineId()), cook, t);
            }
            t = t.plusSeconds(5 + random.nextInt(60));
            send(Topics.KITCHEN_EVENTS, "KitchenTicket", ticket.toString(), seq[0]++,
                    new TicketBumped(ticket, order, mine.stream().map(SentLine::lineId).toList()), cook, t);
            if (t.isAfter(now[0])) {
                now[0] = t;
            }
        }
    }

    private static BillAmounts amounts(long subtotal, long discount) {
        long total = subtotal - discount;
        long tax = Math.round(total / 11.0);
        return new BillAmounts(Money.ofCents(subtotal), Money.ofCents(discount), Money.ZERO, Money.ofCents(tax),
                Money.ofCents(total));
    }

    private void send(String topic, String type, String id, long sequence, Object payload, Map<String, String> who,
                      Instant at) {
        var message = new GenericDomainEventMessage<>(type, id, sequence, payload, who,
                UUID.randomUUID().toString(), at);
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, topics.apply(topic));
        producer.send(record);
        written++;
    }

    void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
