-- Fills a Kept database on PostgreSQL with 100,000 customers (one mobile phone each) and 1,000,000 tickets spread
-- over the four seeded teams, six states, four priorities, three types and the last 365 days, plus one "created"
-- timeline entry per ticket. Run it once on a database Kept has already migrated (and seeded with KEPT_DEMO=true):
--   psql -h 127.0.0.1 -U postgres -d kept_queue -v ON_ERROR_STOP=1 -f src/test/resources/bench/million-tickets.sql
-- Deterministic (setseed), about a minute or two on a small machine.
\timing on
select setseed(0.42);

insert into customer (name, tier, notes, created_at, updated_at, version)
select (array['张','王','李','赵','刘','陈','杨','黄','周','吴'])[1 + g % 10]
           || (array['伟','芳','娜','秀英','敏','静','丽','强','磊','军','洋','勇'])[1 + (g / 10) % 12] || ' ' || g,
       case when g % 50 = 0 then 'VIP' when g % 7 = 0 then 'PLUS' else 'STANDARD' end,
       null, now() - interval '400 days', now() - interval '400 days', 0
from generate_series(1, 100000) g;

insert into contact_point (customer_id, kind, address)
select id, 'PHONE', '+86139' || lpad((id % 100000000)::text, 8, '0')
from customer where notes is null and name like '% %';

-- team weights 40/30/20/10 %; states: 70 % closed, 15 % resolved, the rest active (open 8, pending 3 + 2, new 2);
-- priority P1 5 %, P2 15 %, P3 60 %, P4 20 %; ages uniform over a year, the active ones younger
insert into ticket (number, type, category, channel, priority, state, subject, description, customer_id, team_id,
                    assignee_id, created_by, created_at, updated_at, version)
select 'G' || to_char(created_at, 'YYYYMMDD') || '-' || lpad(g::text, 7, '0'),
       (array['INQUIRY','INQUIRY','COMPLAINT','SUGGESTION'])[1 + g % 4],
       (array['billing','delivery','refund','account','service','outage','safety','other'])[1 + g % 8],
       (array['PHONE','PHONE','PORTAL','EMAIL','CHAT'])[1 + g % 5],
       case when p < 0.05 then 1 when p < 0.20 then 2 when p < 0.80 then 3 else 4 end,
       state,
       -- ten subjects, a tenth of the tickets each (ticket search: "账单" matches a tenth), and "投诉升级" in one in 1,000
       (array['话费账单比上月多了58元','宽带报修 网络经常掉线','快递三天未送达 催件','退货已寄回 退款未到账',
              '信用卡年费扣费咨询','空调安装预约未上门','手机套餐变更申请','发票开具 抬头有误','司机绕路 多收车费',
              '积分兑换失败 请处理'])[1 + (g / 3) % 10] || case when g % 1000 = 0 then ' 投诉升级' else '' end,
       '客户来电反映问题，编号 ' || g || '。',
       (select min(id) from customer) + (g::bigint * 7919) % 100000,
       team, null, null, created_at, created_at + interval '1 hour', 0
from (
    select g, random() as p,
           case when t < 0.40 then 1 when t < 0.70 then 2 when t < 0.90 then 3 else 4 end as team,
           case when s < 0.70 then 'CLOSED' when s < 0.85 then 'RESOLVED' when s < 0.93 then 'OPEN'
                when s < 0.96 then 'PENDING_CUSTOMER' when s < 0.98 then 'PENDING_INTERNAL' else 'NEW' end as state,
           now() - interval '2 hours' - (case when s < 0.85 then random() * 365 else random() * 30 end) * interval '1 day'
               as created_at
    from (select g, random() as t, random() as s from generate_series(1, 1000000) g) r
) x;

insert into ticket_entry (ticket_id, kind, actor_id, actor_name, at, old_value, new_value, body)
select id, 'CREATED', null, 'bulk', created_at, null, type || ' ' || priority, null
from ticket where number like 'G%';

-- what autovacuum does on its own a little later (PostgreSQL 13+ vacuums insert-only tables too): sets the
-- visibility map, so the capped queue counts are index-only scans; measure after it, as in steady state
vacuum (analyze) ticket;
vacuum (analyze) ticket_entry;
vacuum (analyze) customer;
vacuum (analyze) contact_point;
select team_id, state, count(*) from ticket group by 1, 2 order by 1, 2;
