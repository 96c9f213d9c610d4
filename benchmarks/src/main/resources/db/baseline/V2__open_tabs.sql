-- The plain-Axon baseline's tables: the same shape as the order service's floor.
create table dining_table (
    id     uuid primary key,
    number integer not null
);

create table open_tab (
    table_id uuid primary key,
    tab_id   uuid not null unique
);
