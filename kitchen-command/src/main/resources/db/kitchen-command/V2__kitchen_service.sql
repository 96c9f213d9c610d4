-- The kitchen's own view of its tickets: what each station has open, and which tickets an order has.
-- Written in the transaction of the command that changed the ticket.
create table kitchen_ticket (
    ticket_id    uuid primary key,
    order_id     uuid        not null,
    send_number  integer     not null,
    table_number integer     not null,
    station      varchar(60) not null,
    status       varchar(10) not null,
    created_at   timestamp(6) with time zone not null,
    done_at      timestamp(6) with time zone,
    version      bigint      not null
);
create index kitchen_ticket_station_open on kitchen_ticket (station, status, created_at);
create index kitchen_ticket_order on kitchen_ticket (order_id);

create table kitchen_ticket_item (
    ticket_id    uuid         not null references kitchen_ticket (ticket_id),
    line_id      uuid         not null,
    position     integer      not null,
    menu_item_id uuid         not null,
    name         varchar(200) not null,
    quantity     integer      not null,
    modifiers    text         not null default '[]',
    seat         integer,
    course       integer,
    notes        varchar(500),
    allergens    text         not null default '[]',
    status       varchar(10)  not null,
    primary key (ticket_id, line_id)
);
