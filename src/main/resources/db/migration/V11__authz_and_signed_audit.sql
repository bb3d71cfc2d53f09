-- Reports: reading every team's figures becomes a permission of its own, kept by every role that reads reports
-- today; team leads (组长) now read reports too, scoped to their own team.
insert into role_permission (role_code, permission)
    select role_code, 'REPORT_ALL_TEAMS' from role_permission where permission = 'REPORT_READ';
insert into role_permission (role_code, permission) values ('LEAD', 'REPORT_READ');

-- Audit: each sealed entry and the chain head carry an HMAC-SHA256 under a key kept outside the database, so a
-- chain recomputed by someone who can write the database but has not got the key no longer verifies.
alter table audit_entry add column mac varchar(64);
alter table audit_chain_head add column mac varchar(64);
-- which key signs the chain (a fingerprint, never the key): an instance holding another key refuses to seal
alter table audit_chain_head add column key_id varchar(16);
