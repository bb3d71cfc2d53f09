-- Issue 15, "answers that are right": what a customer is told comes in the customer's language, at times inside the
-- team's service hours.

-- The language the customer reads (a BCP 47 tag such as zh-CN or en); null means the centre's default, zh-CN. The
-- portal records it from the customer's browser when they write.
alter table customer add column locale varchar(20);

-- The hours a team serves customers (服务时间): a time told to a customer ("we will tell you by …") falls inside them.
-- A team without a row uses the calendar of the ticket's SLA policy.
-- module: sla
create table sla_team_hours (
    team_id     bigint primary key,
    calendar_id bigint not null,
    updated_at  timestamp with time zone not null
);
