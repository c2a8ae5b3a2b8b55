-- Version 1: outbox and run log. Released: never edit; a change is a new step.

create table `hw_outbox` (
    `message_id` varchar(64) not null,
    `webhook_code` varchar(200) not null,
    `revision` varchar(100),
    `event_id` varchar(200) not null,
    `event_type` varchar(200) not null,
    `mode` varchar(40) not null,
    `request` clob not null,
    `timeout_ms` int not null,
    `attempts` int not null,
    `status` varchar(20) not null,
    `next_attempt_at` int8 not null,
    `claimed_by` varchar(100),
    `lease_until` int8,
    `created_at` int8 not null,
    primary key (`message_id`)
);

create index `hw_outbox_due` on `hw_outbox`(`status`, `next_attempt_at`);

create table `hw_runs` (
    `id` varchar(40) not null,
    `webhook_code` varchar(200) not null,
    `revision` varchar(100),
    `event_id` varchar(200) not null,
    `event_type` varchar(200) not null,
    `message_id` varchar(64) not null,
    `mode` varchar(40) not null,
    `attempt` int not null,
    `request_method` varchar(10) not null,
    `request_url` clob not null,
    `request_headers` clob not null,
    `request_body` clob,
    `response_status` int,
    `response_headers` clob,
    `response_body` clob,
    `duration_ms` int8 not null,
    `outcome` varchar(20) not null,
    `error` clob,
    `created_at` int8 not null,
    `bodies_purged` boolean not null,
    primary key (`id`)
);

create index `hw_runs_webhook` on `hw_runs`(`webhook_code`, `created_at`);

create index `hw_runs_created` on `hw_runs`(`created_at`);

create index `hw_runs_message` on `hw_runs`(`message_id`);
