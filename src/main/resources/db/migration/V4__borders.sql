-- No hand-made encodings in columns: a roster's working-time rules were one text ('rest=660;days=6;week=2880;
-- overtime=2160;shrinkage=30') and a roster member's skills a comma list. Now columns and rows, data carried over.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

alter table wf_roster add column rest_minutes integer not null default 660;
alter table wf_roster add column work_days_per_week integer not null default 6;
alter table wf_roster add column week_minutes integer not null default 2880;
alter table wf_roster add column overtime_month_minutes integer not null default 2160;
-- percent of staff absent (breaks, training, leave) the requirement was grossed up by; null: none given
alter table wf_roster add column shrinkage_percent integer;

-- each value is the digits after 'key=' up to the next ';' (the text always ended without one, so one is appended)
update wf_roster set rest_minutes = cast(substring(settings || ';' from position('rest=' in settings) + 5
        for position(';' in substring(settings || ';' from position('rest=' in settings) + 5)) - 1) as integer)
    where position('rest=' in settings) > 0;
update wf_roster set work_days_per_week = cast(substring(settings || ';' from position('days=' in settings) + 5
        for position(';' in substring(settings || ';' from position('days=' in settings) + 5)) - 1) as integer)
    where position('days=' in settings) > 0;
update wf_roster set week_minutes = cast(substring(settings || ';' from position('week=' in settings) + 5
        for position(';' in substring(settings || ';' from position('week=' in settings) + 5)) - 1) as integer)
    where position('week=' in settings) > 0;
update wf_roster set overtime_month_minutes = cast(substring(settings || ';' from position('overtime=' in settings) + 9
        for position(';' in substring(settings || ';' from position('overtime=' in settings) + 9)) - 1) as integer)
    where position('overtime=' in settings) > 0;
update wf_roster set shrinkage_percent = cast(substring(settings || ';' from position('shrinkage=' in settings) + 10
        for position(';' in substring(settings || ';' from position('shrinkage=' in settings) + 10)) - 1) as integer)
    where position('shrinkage=' in settings) > 0;
alter table wf_roster drop column settings;

-- module: workforce
-- what a roster member can take (a Skill: HOTLINE, CHAT, AFTER_SALES, COMPLAINTS), one row per skill
create table wf_roster_member_skill (
    roster_id   bigint      not null,
    user_id     bigint      not null,
    skill       varchar(16) not null,
    primary key (roster_id, user_id, skill),
    foreign key (roster_id, user_id) references wf_roster_member (roster_id, user_id) on delete cascade
);
insert into wf_roster_member_skill (roster_id, user_id, skill)
    select roster_id, user_id, 'HOTLINE' from wf_roster_member where ',' || skills || ',' like '%,HOTLINE,%';
insert into wf_roster_member_skill (roster_id, user_id, skill)
    select roster_id, user_id, 'CHAT' from wf_roster_member where ',' || skills || ',' like '%,CHAT,%';
insert into wf_roster_member_skill (roster_id, user_id, skill)
    select roster_id, user_id, 'AFTER_SALES' from wf_roster_member where ',' || skills || ',' like '%,AFTER_SALES,%';
insert into wf_roster_member_skill (roster_id, user_id, skill)
    select roster_id, user_id, 'COMPLAINTS' from wf_roster_member where ',' || skills || ',' like '%,COMPLAINTS,%';
alter table wf_roster_member drop column skills;
