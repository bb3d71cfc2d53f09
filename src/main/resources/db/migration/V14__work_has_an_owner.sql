-- Issue 15, "work that always has an owner": a ticket nobody routed (a customer on the portal, an e-mail) goes to the
-- team its category names instead of landing unassigned. The mapping is a column the administrator edits
-- (PUT /api/v1/ticket-categories/{code}/team); the seeded teams get the demo centre's defaults.
alter table ticket_category add column team_id bigint;

update ticket_category set team_id = (select id from team where code = 'hotline') where code in ('billing', 'account', 'service', 'outage', 'other');
update ticket_category set team_id = (select id from team where code = 'after-sales') where code in ('delivery', 'refund');
update ticket_category set team_id = (select id from team where code = 'major-complaints') where code = 'safety';
