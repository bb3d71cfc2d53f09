-- Issue 11: the Asterisk AMI connection is set by an administrator on /admin/asterisk instead of only by properties.
-- One row per centre (id 1); without it the kept.asterisk.* properties stay the connection. The secret is only ever
-- written (never shown back); version grows with every save so each instance notices a change and reconnects.
-- module: phone
create table phone_asterisk_settings (
    id int primary key,
    enabled boolean not null,
    host varchar(255) not null,
    port int not null,
    username varchar(100) not null,
    secret varchar(200) not null,
    integration varchar(100) not null,
    version int not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(100) not null,
    constraint phone_asterisk_settings_one check (id = 1)
);
