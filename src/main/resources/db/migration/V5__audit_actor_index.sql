-- the audit page filters by actor, newest first
create index audit_entry_actor_idx on audit_entry (actor, id);
