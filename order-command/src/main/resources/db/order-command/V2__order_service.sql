-- The order service's copy of the catalog: prices and stations are fixed from here when a line is added.
create table menu_item (
    id          uuid primary key,
    name        varchar(200) not null,
    price_cents bigint       not null,
    station     varchar(60)  not null,
    allergens   text         not null default '[]',
    modifiers   text         not null default '[]',
    available   boolean      not null default true,
    retired     boolean      not null default false
);

create table dining_table (
    id     uuid primary key,
    number integer not null
);

-- One open order per table: the primary key makes a second open order for a table fail in its own transaction.
create table table_occupancy (
    table_id uuid primary key,
    order_id uuid not null unique
);
