-- 100,000 customers with a phone and an email each, names from common surnames and given names (王伟 among them)
insert into customer (name, tier, created_at, updated_at)
select (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + i % 10] || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳'])[1 + (i / 10) % 12] || (array['','华','明','红','平'])[1 + (i / 120) % 5],
       'STANDARD', now(), now()
from generate_series(1, 100000) i;
insert into contact_point (customer_id, kind, address)
select id, 'PHONE', '+86139' || lpad(((id * 7919) % 100000000)::text, 8, '0') from customer where id > (select coalesce(max(customer_id), 0) from customer_search_text);
insert into contact_point (customer_id, kind, address)
select id, 'EMAIL', 'user' || id || '@mail' || (id % 50) || '.example.com' from customer where id > (select coalesce(max(customer_id), 0) from customer_search_text);
