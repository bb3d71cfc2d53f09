-- Ticket search by words of the subject without scanning the table: an inverted index of character bigrams
-- (Chinese has no spaces; two characters are the smallest unit that narrows a search), owned by the ticket module
-- and kept in the transaction that writes the ticket (ticket.internal.TicketSearchIndex).
-- tok packs two code points, (first << 21) | second; a subject's last character is also indexed alone (second = 0).
-- Each row carries the queue order (prio, made_at, ticket_id), so the postings of one bigram are read most urgent
-- first and a page of a common word costs a few rows, not a sort of every match.
-- module: ticket
create table ticket_search_token (
    tok       bigint                   not null,
    prio      smallint                 not null,
    made_at   timestamp with time zone not null,
    ticket_id bigint                   not null, -- no foreign key: a dozen rows per ticket, checked via ticket_search_text
    primary key (tok, prio, made_at, ticket_id)
);
-- one row per indexed ticket; masked_subject is what a viewer without personal-data rights may match (the subject
-- with phones and emails masked), null when it equals the subject. Tickets without a row are indexed at startup.
-- module: ticket
create table ticket_search_text (
    ticket_id      bigint primary key references ticket (id),
    masked_subject varchar(400)
);
