-- Surveys (V19) ask by SMS with the 1–4 menu, or send a one-time link by SMS when the customer has no email: that
-- second message needs its own template. Written with %{…} and turned into dollar-brace placeholders as in V18, because Flyway would read
-- those as its own placeholders.
insert into sms_template (code, provider_template_id, body) values
    ('SURVEY_LINK', 'SMS_SURVEY_LINK', '您的工单%{ticket}已处理。请点击链接评价我们的服务：%{link}');
update sms_template set body = replace(body, '%{', '$' || '{') where code = 'SURVEY_LINK';
