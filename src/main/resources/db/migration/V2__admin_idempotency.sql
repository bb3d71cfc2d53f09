-- Idempotency keys for administrators' create calls (users, teams): a retried request returns what the first one made.
-- The fingerprint includes the operation, so one key cannot be reused for a different kind of request.
create table admin_idempotency_key (
    actor_id     bigint       not null,
    idem_key     varchar(100) not null,
    operation    varchar(20)  not null,
    request_hash varchar(64)  not null,
    result_id    bigint       not null,
    created_at   timestamp with time zone not null,
    primary key (actor_id, idem_key)
);
