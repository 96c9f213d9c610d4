-- Reference data the catalog owns, kept in the transaction of the command that changed it.
create table menu_category (
    id       uuid primary key,
    name     varchar(100) not null,
    position integer      not null
);

create table menu_item (
    id                 uuid primary key,
    category_id        uuid         not null,
    name               varchar(200) not null,
    description        varchar(1000),
    price_cents        bigint       not null,
    station            varchar(60)  not null,
    allergens          text         not null default '[]',
    modifiers          text         not null default '[]',
    available          boolean      not null default true,
    unavailable_reason varchar(500),
    retired            boolean      not null default false
);
create index menu_item_category on menu_item (category_id);

-- floor_version counts the changes of the table's floor row, so every client orders them the same way
create table dining_table (
    id            uuid primary key,
    number        integer not null unique,
    seats         integer not null,
    zone          varchar(60),
    floor_version bigint  not null default 0
);

create table restaurant_settings (
    id                     varchar(40) primary key,
    currency               varchar(3)   not null,
    tax_rate_percent       numeric(6, 3) not null,
    service_charge_percent numeric(6, 3) not null
);
