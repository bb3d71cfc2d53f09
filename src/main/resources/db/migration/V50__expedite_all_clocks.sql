-- 加急 pulls in every clock still running, not only the resolution: working minutes taken off the first-response
-- target, and off the next-update target of the update currently owed (reset when the agent next updates).
-- A side table beside sla_clock (created by a later migration), one row only for tickets ever expedited.
create table sla_clock_cut (
    ticket_id           bigint primary key references ticket (id),
    first_response_cut  integer not null default 0,
    update_cut          integer not null default 0
);
