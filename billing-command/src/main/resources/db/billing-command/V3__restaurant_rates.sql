-- The restaurant's currency, tax rate and service charge as the catalog last published them: what the next bill is
-- issued with. One row, kept at the settings' last applied event sequence.
create table restaurant_rates (
    settings_id            varchar(64) primary key,
    currency               varchar(3)     not null,
    tax_rate_percent       numeric(6, 3)  not null,
    service_charge_percent numeric(6, 3)  not null,
    version                bigint         not null
);
