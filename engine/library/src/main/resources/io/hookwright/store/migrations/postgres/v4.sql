-- Version 4: events received over HTTP, for idempotent ingest. Released: never edit; a change is a new step.

create table "hw_received_events" (
    "event_id" varchar(200) not null,
    "result" text,
    "status" int,
    "received_at" bigint not null,
    primary key ("event_id")
);

create index "hw_received_events_at" on "hw_received_events"("received_at");
