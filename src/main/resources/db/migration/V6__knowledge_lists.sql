-- An article version's categories (分类) and tags (标签) as rows, one per name in the author's order, instead of
-- comma-separated text columns. The article's current lists are those of its current version (kb_article.version).

-- module: knowledge
create table kb_article_label (
    article_id bigint       not null,
    version    integer      not null,
    kind       varchar(10)  not null, -- CATEGORY or TAG
    ord        integer      not null, -- 0 first, in the order the author gave
    name       varchar(500) not null,
    primary key (article_id, version, kind, ord),
    foreign key (article_id, version) references kb_article_version (article_id, version)
);

-- carry both lists of every version over, splitting "a,b,c," by one recursive query that peels a name a step
insert into kb_article_label (article_id, version, kind, ord, name)
with recursive parts (article_id, version, kind, ord, name, rest) as (
    select article_id, version, cast('CATEGORY' as varchar(10)), 0, cast('' as varchar(500)),
           cast(categories || ',' as varchar(501))
    from kb_article_version where trim(categories) <> ''
    union all
    select article_id, version, cast('TAG' as varchar(10)), 0, cast('' as varchar(500)), cast(tags || ',' as varchar(501))
    from kb_article_version where trim(tags) <> ''
    union all
    select article_id, version, kind, ord + 1,
           cast(trim(substring(rest from 1 for position(',' in rest) - 1)) as varchar(500)),
           cast(substring(rest from position(',' in rest) + 1) as varchar(501))
    from parts where rest <> ''
)
select article_id, version, kind, ord - 1, name from parts where ord > 0 and name <> '';

alter table kb_article drop column categories;
alter table kb_article drop column tags;
alter table kb_article_version drop column categories;
alter table kb_article_version drop column tags;
