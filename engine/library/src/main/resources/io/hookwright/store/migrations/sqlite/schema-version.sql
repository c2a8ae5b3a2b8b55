-- The table of applied versions, made before any step runs. Frozen like the steps: never edit.

create table if not exists `hw_schema_version` (
    `version` int not null,
    `description` varchar(200) not null,
    `applied_at` int8 not null,
    primary key (`version`)
);
