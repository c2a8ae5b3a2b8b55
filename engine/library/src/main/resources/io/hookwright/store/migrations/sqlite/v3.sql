-- Version 3: target host and signing secrets on queued and logged requests. Released: never edit; a change is a
-- new step.

alter table `hw_outbox` add `target_host` varchar(255);

alter table `hw_outbox` add `signing_secrets` varchar(400);

alter table `hw_runs` add `signing_secrets` varchar(400);

create index `hw_outbox_claimed` on `hw_outbox`(`claimed_by`);
