-- The zone the restaurant's hours and days are counted in; settings stored before it existed are in the default.
alter table restaurant_settings add column time_zone varchar(64) not null default 'Europe/Paris';
