-- Workforce planning (排班): permission, forecast overrides, rosters, handover sheets, business notices.
insert into role_permission (role_code, permission) values ('PLANNER', 'WORKFORCE_PLAN');
insert into role_permission (role_code, permission) values ('ADMIN', 'WORKFORCE_PLAN');
insert into role_permission (role_code, permission) values ('LEAD', 'WORKFORCE_PLAN');
