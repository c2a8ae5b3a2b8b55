-- Version 5: node of each run; definitions sets shared by the nodes. Released: never edit; a change is a new step.

alter table `hw_runs` add `node` varchar(100);

create table `hw_definition_sets` (
    `digest` varchar(64) not null,
    `revision` varchar(100) not null,
    `files` clob not null,
    `webhooks` int not null,
    `published_by` varchar(100) not null,
    `published_at` int8 not null,
    primary key (`digest`)
);

create index `hw_definition_sets_published` on `hw_definition_sets`(`published_at`);
