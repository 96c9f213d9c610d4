-- The event store numbers each event as it inserts it, from the same sequence Hibernate used to ask for first: an
-- append is one round trip instead of two (nextval, then insert), and the numbers are handed out exactly as before,
-- one at a time, in insert order.
-- Repeatable rather than versioned, like the other migration of this folder: every service's own migrations already
-- run past V1.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');
alter sequence domain_event_entry_seq owned by domain_event_entry.global_index;
