-- Masking (shared.Masking.inText) now catches full-width digits, dotted and spaced numbers and every +86 form: the
-- masked subjects the ticket search matches for viewers without personal-data rights must be made again. Each row
-- records the masking version it was made with; rows of an older one are remade at startup
-- (ticket.internal.TicketSearchIndex), and until then such a ticket is not found by those viewers' words.
alter table ticket_search_text add column masked_with smallint default 1 not null;
