-- Version 9: a run sent to serve --capture's local receiver instead of its target is marked captured. Released:
-- never edit; a change is a new step.
-- Runs logged before were all sent to their targets (or not sent): false.

alter table `hw_runs` add `captured` boolean not null default false;
