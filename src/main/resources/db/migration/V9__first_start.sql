-- First start (issue 17): the one-time setup link that creates the first administrator, and the centre's own name and
-- time zone chosen on the setup page. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- module: identity
-- One row at most (id = 1): the instance that inserts it first owns the link, the others print the same one.
-- The token is kept as it is so any instance (or a restart) can print the link again until it is used; it grants only
-- what write access to this database grants already (creating a row in app_user).
create table setup_token (
    id         int primary key check (id = 1),
    token      varchar(64) not null,
    created_at timestamp with time zone not null,
    used_at    timestamp with time zone
);

-- module: shared
-- The centre as its administrator named it at setup; without a row the KEPT_TIME_ZONE setting applies.
create table centre_setting (
    id         int primary key check (id = 1),
    name       varchar(100) not null,
    time_zone  varchar(60)  not null,
    updated_at timestamp with time zone not null
);
