-- A promise to call the customer (回电承诺): when its reminder falls due the callback module opens a callback task for
-- the ticket (reason COMMITMENT, due at the promised time), so the call has a screen, attempts and an outcome.
alter table sla_commitment add column call_back boolean not null default false;
