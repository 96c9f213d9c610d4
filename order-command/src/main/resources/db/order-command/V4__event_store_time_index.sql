-- A new tracking processor told to start at a point in time asks for the first event at or after it (Axon's
-- createTokenAt). Without this index PostgreSQL walks the store from its first event: seconds on a store of millions.
create index domain_event_entry_time_stamp on domain_event_entry (time_stamp);
