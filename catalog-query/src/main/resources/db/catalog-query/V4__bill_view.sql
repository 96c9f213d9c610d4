-- The bill view, projected from the billing topic. version is the sequence number of the last event of the bill it
-- applied, so a redelivered or replayed event changes nothing. Paid, tips and balance are summed from the payments.
create table bill_view (
    bill_id              uuid primary key,
    order_id             uuid        not null,
    table_number         integer     not null,
    subtotal_cents       bigint      not null,
    discount_cents       bigint      not null,
    service_charge_cents bigint      not null,
    tax_cents            bigint      not null,
    total_cents          bigint      not null,
    status               varchar(10) not null,
    issued_at            timestamp(6) with time zone not null,
    version              bigint      not null
);
create index bill_view_order on bill_view (order_id);
create index bill_view_open on bill_view (status, issued_at);

create table bill_view_line (
    bill_id     uuid         not null references bill_view (bill_id),
    line_id     uuid         not null,
    position    integer      not null,
    name        varchar(200) not null,
    quantity    integer      not null,
    total_cents bigint       not null,
    primary key (bill_id, line_id)
);

create table bill_view_check (
    bill_id     uuid    not null references bill_view (bill_id),
    check_id    uuid    not null,
    position    integer not null,
    total_cents bigint  not null,
    primary key (bill_id, check_id)
);

create table bill_view_payment (
    bill_id      uuid        not null references bill_view (bill_id),
    payment_id   uuid        not null,
    position     bigint      not null,
    check_id     uuid,
    method       varchar(10) not null,
    amount_cents bigint      not null,
    tip_cents    bigint      not null,
    refunded     boolean     not null,
    primary key (bill_id, payment_id)
);
