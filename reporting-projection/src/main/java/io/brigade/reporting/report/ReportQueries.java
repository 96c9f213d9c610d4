package io.brigade.reporting.report;

import io.brigade.platform.problem.InvalidInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The four reports, each read in one SQL statement from the live report tables, so a replay that switches the tables
 * between two statements never shows half of one and half of the other.
 */
@Component
public class ReportQueries {

    private static final String KEPT_SALES = """
            from reports.sale_entry e
            join reports.report_bill b on b.bill_id = e.bill_id
            left join reports.report_order o on o.order_id = b.order_id
            where b.status <> 'VOIDED' and not coalesce(o.cancelled, false) and e.at >= ? and e.at < ?
            """;

    private final JdbcTemplate jdbc;
    private final ReportsProperties properties;

    public ReportQueries(JdbcTemplate jdbc, ReportsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public record SalesRow(String key, long orders, long covers, long grossCents, long discountCents, long taxCents,
                           long netCents, long tipsCents, long averageCheckCents) {

        static SalesRow of(String key, long orders, long covers, long gross, long discount, long tax, long net,
                           long tips) {
            return new SalesRow(key, orders, covers, gross, discount, tax, net, tips,
                    averageCheck(gross - discount, orders));
        }
    }

    public record Totals(long orders, long covers, long grossCents, long discountCents, long taxCents, long netCents,
                         long tipsCents, long averageCheckCents) {
    }

    public record Sales(List<SalesRow> rows, Totals totals, String from, String to, String timeZone) {
    }

    public record ItemRow(UUID menuItemId, String name, long quantity, long grossCents) {
    }

    public record KitchenRow(String station, long tickets, BigDecimal p50Seconds, BigDecimal p90Seconds,
                             BigDecimal maxSeconds, long delayed) {
    }

    public record AdjustmentRow(String at, String kind, UUID orderId, UUID billId, long amountCents, String reason,
                                String by, String approvedBy) {
    }

    public enum GroupBy {
        HOUR, DAY, WAITER, TABLE;

        public static GroupBy of(String value) {
            if (value == null) {
                return DAY;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("groupBy", "give hour, day, waiter or table");
            }
        }
    }

    /** The restaurant's zone: the catalog's setting, or the default until the catalog has said. */
    public ZoneId zone() {
        List<String> zones = jdbc.queryForList("select time_zone from reports.restaurant_settings "
                + "where time_zone is not null order by version desc limit 1", String.class);
        String zone = zones.isEmpty() ? properties.defaultTimeZone() : zones.get(0);
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of(properties.defaultTimeZone());
        }
    }

    public Sales sales(ReportRange range, GroupBy groupBy) {
        String key = switch (groupBy) {
            case HOUR -> "to_char(e.at at time zone ?, 'YYYY-MM-DD\"T\"HH24:00')";
            case DAY -> "to_char(e.at at time zone ?, 'YYYY-MM-DD')";
            case WAITER -> "coalesce(o.waiter, '')";
            case TABLE -> "b.table_number::text";
        };
        Object[] args = groupBy == GroupBy.HOUR || groupBy == GroupBy.DAY
                ? new Object[]{range.zone().getId(), ts(range.from()), ts(range.to())}
                : new Object[]{ts(range.from()), ts(range.to())};
        List<SalesRow> rows = jdbc.query("select " + key + " as key, sum(e.orders) as orders,"
                        + " sum(case when e.orders > 0 then coalesce(o.guests, 0) else 0 end) as covers,"
                        + " sum(e.gross_cents) as gross, sum(e.discount_cents) as discount, sum(e.tax_cents) as tax,"
                        + " sum(e.net_cents) as net, sum(e.tips_cents) as tips "
                        + KEPT_SALES + " group by 1",
                (rs, n) -> SalesRow.of(rs.getString("key"), rs.getLong("orders"), rs.getLong("covers"),
                        rs.getLong("gross"), rs.getLong("discount"), rs.getLong("tax"), rs.getLong("net"),
                        rs.getLong("tips")), args);
        Comparator<SalesRow> order = groupBy == GroupBy.TABLE
                ? Comparator.comparingInt(row -> Integer.parseInt(row.key()))
                : Comparator.comparing(SalesRow::key);
        rows = rows.stream().sorted(order).toList();
        long orders = rows.stream().mapToLong(SalesRow::orders).sum();
        long gross = rows.stream().mapToLong(SalesRow::grossCents).sum();
        long discount = rows.stream().mapToLong(SalesRow::discountCents).sum();
        Totals totals = new Totals(orders, rows.stream().mapToLong(SalesRow::covers).sum(), gross, discount,
                rows.stream().mapToLong(SalesRow::taxCents).sum(), rows.stream().mapToLong(SalesRow::netCents).sum(),
                rows.stream().mapToLong(SalesRow::tipsCents).sum(), averageCheck(gross - discount, orders));
        return new Sales(rows, totals, range.from().toString(), range.to().toString(), range.zone().getId());
    }

    public List<ItemRow> items(ReportRange range) {
        return jdbc.query("""
                        select l.menu_item_id, min(l.name) as name, sum(l.quantity) as quantity,
                               sum(l.total_cents) as gross
                        from reports.report_bill_line l
                        join reports.report_bill b on b.bill_id = l.bill_id
                        left join reports.report_order o on o.order_id = b.order_id
                        where b.paid_at is not null and b.status <> 'VOIDED' and not coalesce(o.cancelled, false)
                          and b.paid_at >= ? and b.paid_at < ?
                        group by l.menu_item_id
                        order by quantity desc, gross desc, name""",
                (rs, n) -> new ItemRow(rs.getObject("menu_item_id", UUID.class), rs.getString("name"),
                        rs.getLong("quantity"), rs.getLong("gross")), ts(range.from()), ts(range.to()));
    }

    public List<KitchenRow> kitchen(ReportRange range) {
        return jdbc.query("""
                        select t.station, count(*) as tickets,
                               percentile_disc(0.5) within group (order by extract(epoch from t.bumped_at - t.created_at))
                                   filter (where t.bumped_at is not null) as p50,
                               percentile_disc(0.9) within group (order by extract(epoch from t.bumped_at - t.created_at))
                                   filter (where t.bumped_at is not null) as p90,
                               max(extract(epoch from t.bumped_at - t.created_at)) as slowest,
                               count(d.ticket_id) as delayed
                        from reports.kitchen_ticket t
                        left join reports.kitchen_delay d on d.ticket_id = t.ticket_id
                        where not t.voided and t.created_at >= ? and t.created_at < ?
                        group by t.station
                        order by t.station""",
                (rs, n) -> new KitchenRow(rs.getString("station"), rs.getLong("tickets"), seconds(rs.getBigDecimal("p50")),
                        seconds(rs.getBigDecimal("p90")), seconds(rs.getBigDecimal("slowest")), rs.getLong("delayed")),
                ts(range.from()), ts(range.to()));
    }

    public List<AdjustmentRow> adjustments(ReportRange range) {
        return jdbc.query("""
                        select * from reports.adjustment where at >= ? and at < ?
                        order by at, event_id collate "C"
                        """,
                (rs, n) -> new AdjustmentRow(rs.getTimestamp("at").toInstant().toString(), rs.getString("kind"),
                        rs.getObject("order_id", UUID.class), rs.getObject("bill_id", UUID.class),
                        rs.getLong("amount_cents"), rs.getString("reason"), rs.getString("by_user"),
                        rs.getString("approved_by")), ts(range.from()), ts(range.to()));
    }

    /** What an order came to on average, in whole cents rounded half up; nothing when there was no order. */
    static long averageCheck(long amount, long orders) {
        if (orders == 0) {
            return 0;
        }
        return BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(orders), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal seconds(BigDecimal value) {
        return value == null ? null : value.setScale(3, RoundingMode.HALF_UP);
    }

    private static Timestamp ts(java.time.Instant instant) {
        return Timestamp.from(instant);
    }
}
