-- Version 10: each webhook's trail of deactivations and activations: when, by whom (an operator's token name; none
-- when the engine did it), and why. Released: never edit; a change is a new step.

create table `hw_webhook_trail` (
    `id` varchar(64) not null,
    `webhook_code` varchar(200) not null,
    `at` int8 not null,
    `active` boolean not null,
    `actor` varchar(200),
    `reason` clob,
    primary key (`id`)
);

create index `hw_webhook_trail_code` on `hw_webhook_trail`(`webhook_code`, `at`);
