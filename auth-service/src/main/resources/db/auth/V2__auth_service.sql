-- People who sign in. Usernames are unique whatever their case.
create table users (
    id              uuid         primary key,
    username        varchar(64)  not null,
    password_hash   varchar(255) not null,
    full_name       varchar(200) not null,
    role            varchar(16)  not null check (role in ('ADMIN', 'MANAGER', 'STAFF', 'KITCHEN', 'AUDITOR')),
    is_active       boolean      not null,
    event_sequence  bigint       not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create unique index users_username_key on users (lower(username));

-- Opaque refresh tokens, stored as SHA-256 hashes only. One family per login: every rotation adds a token to it,
-- and the family's absolute expiry is set at login.
create table refresh_token (
    id          uuid        primary key,
    user_id     uuid        not null references users (id),
    token_hash  varchar(64) not null unique,
    family_id   uuid        not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    spent_at    timestamptz,
    revoked_at  timestamptz
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_live_by_user on refresh_token (user_id) where revoked_at is null;

-- RS256 signing keys. The newest unretired key signs; a retired key stays in the JWKS until every token it signed
-- has expired. The private half is sealed (AES-GCM) with a secret from configuration.
create table signing_key (
    kid          varchar(64) primary key,
    public_key   bytea       not null,
    private_key  bytea       not null,
    created_at   timestamptz not null,
    retired_at   timestamptz
);
