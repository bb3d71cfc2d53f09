-- Issue 13, the administrators' pages: which ticket priorities count as serious for an account restriction (relay),
-- and the disclosure checklist rows per request type, each edited on a page instead of only through the API.
-- RELAY_ADMIN edits relay_serious_priority; the administrator also gets DISCLOSURE_ADMIN (checklist rows and agencies'
-- links, as the compliance lead has it).
insert into role_permission (role_code, permission) values ('ADMIN', 'RELAY_ADMIN');
insert into role_permission (role_code, permission) values ('ADMIN', 'DISCLOSURE_ADMIN');
