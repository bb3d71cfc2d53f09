-- Issues 16 and 12: the written channels go through routing, and the agent has one inbox for their conversations.

-- Weibo private messages are written work like WeChat's: up to three at once.
insert into routing_channel (channel, capacity, acw_seconds, blocks) values ('WEIBO', 3, 15, '');

-- One queue per written channel, each needing its channel's skill (an administrator gives agents the skill, edits the
-- queue or points a mailbox or an account at another queue).
insert into routing_queue (code, name, channel, priority, strategy, offer_timeout_seconds)
values ('chat', '在线客服 Chat', 'CHAT', 20, 'LEAST_OCCUPIED', 30);
insert into routing_queue (code, name, channel, priority, strategy, offer_timeout_seconds)
values ('email', '邮件 Email', 'EMAIL', 0, 'LEAST_OCCUPIED', 60);
insert into routing_queue (code, name, channel, priority, strategy, offer_timeout_seconds)
values ('wechat', '微信 WeChat', 'WECHAT', 10, 'LEAST_OCCUPIED', 30);
insert into routing_queue (code, name, channel, priority, strategy, offer_timeout_seconds)
values ('weibo', '微博 Weibo', 'WEIBO', 10, 'LEAST_OCCUPIED', 30);
insert into routing_queue_skill (queue_id, skill, min_level) select id, 'chat', 1 from routing_queue where code = 'chat';
insert into routing_queue_skill (queue_id, skill, min_level) select id, 'email', 1 from routing_queue where code = 'email';
insert into routing_queue_skill (queue_id, skill, min_level) select id, 'wechat', 1 from routing_queue where code = 'wechat';
insert into routing_queue_skill (queue_id, skill, min_level) select id, 'weibo', 1 from routing_queue where code = 'weibo';

-- Which queue each channel's new work goes to (a queue's code; null: the work is not routed and waits on its list).
alter table chat_setting add column routing_queue varchar(60) default 'chat';
update chat_setting set routing_queue = 'chat';
alter table mail_mailbox add column routing_queue varchar(60) default 'email';
update mail_mailbox set routing_queue = 'email';
alter table social_account add column routing_queue varchar(60);
update social_account set routing_queue = 'wechat' where platform = 'WECHAT';
update social_account set routing_queue = 'weibo' where platform = 'WEIBO';

-- When an agent last read a conversation in their inbox; what came in after it is unread.
-- module: inbox
create table inbox_read (
    agent_id bigint not null,
    channel varchar(16) not null,
    reference varchar(200) not null,
    read_at timestamp with time zone not null,
    primary key (agent_id, channel, reference)
);
