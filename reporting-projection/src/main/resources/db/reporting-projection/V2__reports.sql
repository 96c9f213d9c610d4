-- The report tables live in their own schema: a replay builds a copy of it (reports_next, made from these
-- definitions), and reads switch over by renaming the two schemas in one transaction.
create schema reports;

-- Where the feed that fills these tables stands on each partition, written in the transaction of the figures.
create table reports.feed_offset (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null,
    primary key (topic, partition)
);

-- The restaurant's time zone, from the catalog's settings events.
create table reports.restaurant_settings (
    settings_id text   primary key,
    time_zone   text   not null,
    version     bigint not null
);

-- One row per order: who opened it, for how many guests, whether it was cancelled; the price of each line
-- (line id -> cents) so that a void can say what it took off.
create table reports.report_order (
    order_id  uuid        primary key,
    waiter    text,
    guests    integer     not null,
    opened_at timestamptz not null,
    cancelled boolean     not null,
    lines     jsonb       not null,
    version   bigint      not null
);

-- One row per bill with its figures as they stand; paid_at is when it was first fully paid.
create table reports.report_bill (
    bill_id              uuid        primary key,
    order_id             uuid        not null,
    table_number         integer     not null,
    subtotal_cents       bigint      not null,
    discount_cents       bigint      not null,
    service_charge_cents bigint      not null,
    tax_cents            bigint      not null,
    total_cents          bigint      not null,
    standing_tips_cents  bigint      not null,
    status               text        not null,
    paid_at              timestamptz,
    version              bigint      not null
);
create index report_bill_order on reports.report_bill (order_id);
create index report_bill_paid_at on reports.report_bill (paid_at);

create table reports.report_bill_line (
    bill_id      uuid    not null,
    line_id      uuid    not null,
    menu_item_id uuid,
    name         text    not null,
    quantity     integer not null,
    total_cents  bigint  not null,
    primary key (bill_id, line_id)
);

-- Money as it moved: the sale when a bill is first paid, then each refund and each payment taken after that,
-- on the instant it happened.
create table reports.sale_entry (
    entry_id       text        primary key,
    bill_id        uuid        not null,
    at             timestamptz not null,
    orders         integer     not null,
    gross_cents    bigint      not null,
    discount_cents bigint      not null,
    tax_cents      bigint      not null,
    net_cents      bigint      not null,
    tips_cents     bigint      not null
);
create index sale_entry_at on reports.sale_entry (at);

create table reports.kitchen_ticket (
    ticket_id  uuid        primary key,
    order_id   uuid        not null,
    station    text        not null,
    created_at timestamptz not null,
    bumped_at  timestamptz,
    voided     boolean     not null,
    version    bigint      not null
);
create index kitchen_ticket_created_at on reports.kitchen_ticket (created_at);

create table reports.kitchen_delay (
    ticket_id uuid        primary key,
    order_id  uuid        not null,
    station   text        not null,
    at        timestamptz not null
);

-- Every void, discount, comp and refund, once per event.
create table reports.adjustment (
    event_id     text        primary key,
    at           timestamptz not null,
    kind         text        not null,
    order_id     uuid,
    bill_id      uuid,
    amount_cents bigint      not null,
    reason       text,
    by_user      text,
    approved_by  text
);
create index adjustment_at on reports.adjustment (at);

-- Events the feed could not read or apply, kept for an operator instead of stopping the reports.
create table reports.skipped_event (
    topic      text    not null,
    partition  integer not null,
    "offset"   bigint  not null,
    type       text,
    error      text    not null,
    primary key (topic, partition, "offset")
);
