-- Issue 13: a refund an agent asks for goes through the authority limits (授权). Within them it is submitted at once;
-- above them it waits (AWAITING_APPROVAL, its amount held against the line) for the exception request it filed, and
-- is submitted only when that request is approved. The ticket it was asked on carries its timeline entries.

-- module: aftersales
alter table aftersales_refund add column ticket_id bigint;
-- module: aftersales
alter table aftersales_refund add column authority_request_id bigint;
-- module: aftersales
alter table aftersales_refund add column authority_grant_id bigint;
create index aftersales_refund_request on aftersales_refund (authority_request_id);

-- the after-sales module's own hand on the timeline (a provider's answer, the worker's query): never signs in
insert into app_user (username, password_hash, display_name, agent_no, role_code, enabled, created_at)
values ('kept-aftersales', '!', 'Kept After-sales', 'AS', 'LEAD', false, current_timestamp);
