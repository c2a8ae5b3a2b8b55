-- Version 2: webhook state: failures and deactivation. Released: never edit; a change is a new step.

create table `hw_webhook_state` (
    `webhook_code` varchar(200) not null,
    `active` boolean not null,
    `consecutive_failures` int not null,
    `last_failure` clob,
    `deactivated_at` int8,
    `deactivation_reason` clob,
    `updated_at` int8 not null,
    primary key (`webhook_code`)
);
