-- The bills of each order and whether they are open: what a later bill request supersedes and what a cancelled
-- order voids. Written in the transaction of the command that changed the bill.
create table order_bill (
    bill_id        uuid primary key,
    order_id       uuid        not null,
    request_number integer     not null,
    status         varchar(10) not null,
    version        bigint      not null
);
create index order_bill_order on order_bill (order_id, status);
