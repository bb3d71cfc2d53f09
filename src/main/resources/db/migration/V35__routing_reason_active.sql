-- Issue 12: administrators edit the not-ready reason codes on /admin/routing/reasons. A code the presence history
-- names is never deleted, only deactivated: agents no longer choose it, and past rows keep their meaning.
-- module: routing
alter table routing_reason add column active boolean not null default true;
-- whether the history names a code is asked when one is deleted and on the admin page
create index routing_presence_log_reason on routing_presence_log (reason_code);
