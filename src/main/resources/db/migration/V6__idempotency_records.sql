-- One store of Idempotency-Keys for every module (tickets, administrators' creates), replacing the two before it.
-- Keys are a retry window, not history: the old rows are not carried over.
create table idempotency_record (
    caller_id    bigint       not null,
    idem_key     varchar(100) not null,
    operation    varchar(40)  not null,
    request_hash varchar(64)  not null,
    result_id    bigint       not null,
    created_at   timestamp with time zone not null,
    primary key (caller_id, idem_key)
);
drop table idempotency_key;
drop table admin_idempotency_key;
