-- Version 7: received events keyed by caller and event id, with a digest of each event. Released: never edit; a
-- change is a new step.
-- The table of version 4 is replaced: its rows do not say who posted each event, so none of them can answer a
-- caller's repeat without risking another caller's answer. A repeat of an event posted before the upgrade is
-- processed again.

drop table "hw_received_events";

create table "hw_received_events" (
    "caller" varchar(200) not null,
    "event_id" varchar(200) not null,
    "body_digest" varchar(64) not null,
    "result" text,
    "status" int,
    "received_at" bigint not null,
    primary key ("caller", "event_id")
);

create index "hw_received_events_at" on "hw_received_events"("received_at");
