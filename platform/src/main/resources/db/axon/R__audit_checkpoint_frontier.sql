-- The Merkle tree's frontier stored with the newest audit checkpoint a service published, so that after a start the
-- service goes on from there instead of folding its whole event store into the tree again (docs/audit-hashing.md).
-- One row per service; the checkpoint is kept as it was signed, so the frontier is trusted only when it gives the
-- root the service signed.
-- Repeatable rather than versioned: every service shares this folder and its own migrations already run past V1, so a
-- new version here would sit below versions its database has applied.
create table if not exists audit_checkpoint_frontier (
    service            varchar(255) not null primary key,
    up_to_global_index bigint       not null,
    events             bigint       not null,
    merkle_root        varchar(64)  not null,
    signed_at          varchar(64)  not null,
    key_id             varchar(255) not null,
    signature          text         not null,
    -- the roots of the tree's complete subtrees, 32 bytes each, largest (oldest) first: one per bit set in events
    frontier           bytea        not null
);
