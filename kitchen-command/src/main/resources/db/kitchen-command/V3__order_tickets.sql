-- The kitchen keeps only what its own rules need: the open tickets of each order, to void them when it is cancelled.
-- The board the cooks see is catalog-query's.
create table order_ticket (
    ticket_id uuid    primary key,
    order_id  uuid    not null,
    open      boolean not null,
    version   bigint  not null
);
create index order_ticket_order on order_ticket (order_id) where open;

insert into order_ticket (ticket_id, order_id, open, version)
select ticket_id, order_id, status = 'OPEN', version from kitchen_ticket;

drop table kitchen_ticket_item;
drop table kitchen_ticket;
