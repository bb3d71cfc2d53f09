-- module: customer
-- Customer search by a fragment of the name, the digits of a phone (a suffix: 8000) or an email without a like over
-- every customer: character-bigram postings as for ticket subjects (V5), owned by the customer module and written in
-- the transaction that records the customer (customer.internal.CustomerSearchIndex). tok packs two code points,
-- (first << 21) | second, or one code point of the name alone (second = 0), or four digits in a row
-- ((1 << 62) | the number): digit bigrams are in nearly every phone, four digits narrow a phone search.
create table customer_search_token (
    tok         bigint not null,
    customer_id bigint not null, -- no foreign key: checked via customer_search_text
    primary key (tok, customer_id)
);
-- what a search verifies a candidate against: open_text is what any reader sees (name, masked phones and emails),
-- full_text what a reader with personal-data rights sees (name, phones in E.164, emails); both lower-cased, one
-- line per entry. A reader without personal-data rights is matched against open_text only, so guessing digits
-- confirms nothing the page would hide. Customers without a row are indexed at startup.
create table customer_search_text (
    customer_id bigint primary key references customer (id) on delete cascade,
    open_text   varchar(4000) not null,
    full_text   varchar(4000) not null
);
