-- Live views, projected from the order, kitchen and billing topics. Each row keeps the sequence number of the last
-- event of its aggregate it applied (version), so a redelivered or replayed event changes nothing.
create table order_view (
    order_id     uuid primary key,
    table_id     uuid        not null,
    table_number integer     not null,
    guests       integer     not null,
    status       varchar(12) not null,
    waiter_id    varchar(64),
    waiter_name  varchar(200),
    bill_id      uuid,
    opened_at    timestamp(6) with time zone not null,
    closed_at    timestamp(6) with time zone,
    version      bigint      not null
);
create index order_view_table on order_view (table_id, status);

create table order_view_line (
    order_id         uuid        not null references order_view (order_id),
    line_id          uuid        not null,
    position         bigint      not null,
    menu_item_id     uuid        not null,
    name             varchar(200) not null,
    quantity         integer     not null,
    modifiers        text        not null default '[]',
    unit_price_cents bigint      not null,
    seat             integer,
    course           integer,
    notes            varchar(500),
    state            varchar(10) not null,
    primary key (order_id, line_id)
);

create table board_ticket (
    ticket_id    uuid primary key,
    order_id     uuid        not null,
    table_number integer     not null,
    station      varchar(60) not null,
    status       varchar(10) not null,
    created_at   timestamp(6) with time zone not null,
    done_at      timestamp(6) with time zone,
    version      bigint      not null
);
create index board_ticket_open on board_ticket (status, station, created_at);

create table board_ticket_item (
    ticket_id uuid         not null references board_ticket (ticket_id),
    line_id   uuid         not null,
    position  integer      not null,
    name      varchar(200) not null,
    quantity  integer      not null,
    modifiers text         not null default '[]',
    seat      integer,
    course    integer,
    notes     varchar(500),
    allergens text         not null default '[]',
    status    varchar(10)  not null,
    primary key (ticket_id, line_id)
);
