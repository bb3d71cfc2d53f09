-- The sla module reads only its own tables: what it needs of a ticket it keeps beside its own rows.

-- The ticket's team, kept by the clock from every ticket change, so the escalation board lists a team's next
-- breaches along this table's own index instead of joining the ticket table.
alter table sla_clock add column team_id bigint;
update sla_clock set team_id = (select t.team_id from ticket t where t.id = sla_clock.ticket_id);
create index sla_clock_team_escalation_idx on sla_clock (team_id, escalation_at);

-- A promise names its ticket by number (a number never changes once given).
alter table sla_commitment add column ticket_number varchar(24);
update sla_commitment set ticket_number = (select t.number from ticket t where t.id = sla_commitment.ticket_id);
alter table sla_commitment alter column ticket_number set not null;
-- a team's open promises, soonest first (the commitments page with mine=false)
create index sla_commitment_team_idx on sla_commitment (team_id, state, due);
