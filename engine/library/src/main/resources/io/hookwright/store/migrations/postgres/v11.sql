-- Version 11: messages kept in order per key (orderedBy). Released: never edit; a change is a new step.
-- A queued message of an ordered webhook carries its key and its place in the key's sequence; messages queued before
-- have none and keep no order. Only ordered rows are indexed by key, so unordered messages cost what they did.

alter table "hw_outbox" add "order_key" text;

alter table "hw_outbox" add "order_seq" bigint;

alter table "hw_outbox" add "held_behind" varchar(64);

create index "hw_outbox_order" on "hw_outbox"("webhook_code", "order_key", "order_seq")
    where "order_key" is not null;

create table "hw_order_keys" (
    "webhook_code" varchar(200) not null,
    "order_key" text not null,
    "last_seq" bigint not null,
    primary key ("webhook_code", "order_key")
);

create table "hw_order_messages" (
    "message_id" varchar(64) not null,
    "webhook_code" varchar(200) not null,
    "order_key" text not null,
    "created_at" bigint not null,
    primary key ("message_id")
);

create index "hw_order_messages_created" on "hw_order_messages"("created_at");
