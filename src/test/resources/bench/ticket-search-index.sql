-- Indexes bulk-loaded tickets for search in SQL (PostgreSQL), what TicketSearchIndex.catchUp does in Java at
-- startup, but for a million rows in a minute or two: the same tokens (each pair of neighbouring characters of the
-- lower-cased subject packed as (first << 21) | second, the last character with second = 0). Only for subjects
-- without phones or emails (masked_subject null), as million-tickets.sql writes them, marked with the current masking
-- version (Masking.VERSION) so that startup does not re-mask them one by one. Run after it:
--   psql -h 127.0.0.1 -U postgres -d kept_search -v ON_ERROR_STOP=1 -f src/test/resources/bench/ticket-search-index.sql
\timing on
alter table ticket_search_token drop constraint ticket_search_token_pkey;
insert into ticket_search_text (ticket_id, masked_subject, masked_with)
select id, null, 2 from ticket t where not exists (select 1 from ticket_search_text x where x.ticket_id = t.id);
insert into ticket_search_token (tok, prio, made_at, ticket_id)
select distinct (ascii(substr(s, i, 1))::bigint << 21) | ascii(substr(s, i + 1, 1)), priority, created_at, id
from (select id, priority, created_at, lower(subject) as s from ticket where number like 'G%') t,
     generate_series(1, length(s)) i;
alter table ticket_search_token add primary key (tok, prio, made_at, ticket_id);
vacuum (analyze) ticket_search_token;
vacuum (analyze) ticket_search_text;
select count(*) as tokens, pg_size_pretty(pg_total_relation_size('ticket_search_token')) as size from ticket_search_token;
