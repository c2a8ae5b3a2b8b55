-- Version 8: the outbox's lease_until goes (unused since version 6, where a claim holds as long as its worker's
-- lease). Released: never edit; a change is a new step.
-- SQLite drops a column in place (3.35 and later) when no index, key or constraint names it, as here.

alter table `hw_outbox` drop column `lease_until`;
