-- A counter per login, raised when its password is reset or the account is disabled. A browser session remembers
-- the value it signed in with and ends on its next request when the value has moved on, on whichever instance
-- serves it (sessions live in each instance's memory; the counter lives in the shared database).
alter table app_user add column session_epoch integer not null default 0;

-- A roster may be a new version of a published one: publishing it marks the old one SUPERSEDED (kept for history,
-- no longer what agents see).
alter table wf_roster add column replaces_id bigint references wf_roster (id);
