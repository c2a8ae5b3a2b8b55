-- Version 8: the outbox's lease_until goes (unused since version 6, where a claim holds as long as its worker's
-- lease). Released: never edit; a change is a new step.
-- Nodes of version 7 name the column in their claims: they fail once it is gone, so they are stopped before a node
-- of this version starts.

alter table "hw_outbox" drop column "lease_until";
