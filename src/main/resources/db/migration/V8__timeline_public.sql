-- Whether the customer sees a timeline entry is stored with it, as the change that wrote it said, so an entry another
-- module adds (a TicketChange.Annotation) reaches the portal when it is public without the ticket module knowing it.
alter table ticket_entry add column public_to_customer boolean not null default false;
update ticket_entry set public_to_customer = true where kind in ('CREATED', 'STATE', 'REPLY', 'CUSTOMER_REPLY', 'MERGED_INTO');
