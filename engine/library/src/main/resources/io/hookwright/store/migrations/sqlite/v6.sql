-- Version 6: one lease per worker instead of one per claim. Released: never edit; a change is a new step.
-- Claims made under the leases of version 5 have no worker in hw_workers to keep them: they are due again.

create table `hw_workers` (
    `worker` varchar(100) not null,
    `alive_until` int8 not null,
    `started_at` int8 not null,
    primary key (`worker`)
);

update `hw_outbox` set `status` = 'pending', `claimed_by` = null, `lease_until` = null where `status` = 'claimed';
