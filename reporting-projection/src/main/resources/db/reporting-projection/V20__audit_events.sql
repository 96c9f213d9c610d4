-- The audit trail of every service, as the services published it. Its own schema: a report replay rebuilds and
-- renames the reports schema and never touches this one; the trail is kept, not rebuilt.
create schema audit;

-- Every event of every topic, once: a redelivered event meets the unique event id (or aggregate and sequence) and
-- is not stored again. id is the order of arrival; newest first is (occurred_at desc, id desc).
create table audit.audit_event (
    id             bigint generated always as identity primary key,
    event_id       text        not null,
    service        text        not null,
    aggregate_type text,
    aggregate_id   text,
    sequence       bigint,
    global_index   bigint,
    type           text        not null,
    type_name      text        not null,
    occurred_at    timestamptz not null,
    user_id        uuid,
    payload        text        not null,
    metadata       text        not null,
    hash           text,
    previous_hash  text
);
create unique index audit_event_event_id on audit.audit_event (event_id);
create unique index audit_event_aggregate_sequence on audit.audit_event (service, aggregate_id, sequence);

-- Newest first, for every filter: each index ends in (occurred_at desc, id desc), so a page is an index range read
-- and a time range narrows it further.
create index audit_event_newest on audit.audit_event (occurred_at desc, id desc);
create index audit_event_by_user on audit.audit_event (user_id, occurred_at desc, id desc);
create index audit_event_by_type on audit.audit_event (type_name, occurred_at desc, id desc);
create index audit_event_by_user_and_type on audit.audit_event (user_id, type_name, occurred_at desc, id desc);
create index audit_event_by_aggregate on audit.audit_event (aggregate_id, occurred_at desc, id desc);
-- An export reads a service's events in the order of its store.
create index audit_event_store_order on audit.audit_event (service, global_index);

-- Every signed checkpoint read from brigade.audit.checkpoints, once: a service may sign the same root again later
-- (on demand), which is another checkpoint; the same record read twice is not.
create table audit.audit_checkpoint (
    id                 bigint generated always as identity primary key,
    service            text   not null,
    up_to_global_index bigint not null,
    events             bigint not null,
    merkle_root        text   not null,
    signed_at          text   not null,
    key_id             text,
    signature          text,
    unique (service, up_to_global_index, signed_at, merkle_root)
);
