package io.hookwright.store;

/**
 * Tells the other engine nodes on the same database that something changed, so they act at once instead of at their
 * next poll. On PostgreSQL this is {@code NOTIFY}, sent when the announcing transaction commits and never if it rolls
 * back; on SQLite, where one process runs the engine, announcements go nowhere and polling finds changes made by
 * other processes. Either way a lost announcement only delays: every node also polls.
 */
public interface Notifications extends AutoCloseable {
    /** What changed. */
    enum Channel {
        /** Messages were queued or released: claim now. */
        OUTBOX("hw_outbox"),
        /** A webhook was activated or deactivated: refresh the statuses. */
        STATES("hw_webhook_state"),
        /** A definitions set was published: load it. */
        DEFINITIONS("hw_definitions");

        private final String wireName;

        Channel(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Announces a change in {@code tx}: delivered when it commits. */
    void announce(StoreTransaction tx, Channel channel);

    /**
     * Calls {@code listener} on every announcement on {@code channel}, from any node including this one, and once
     * more whenever the link to the database was lost and is back (announcements may have been missed). Closing the
     * returned handle stops it.
     */
    AutoCloseable subscribe(Channel channel, Runnable listener);

    @Override
    void close();

    /** For a database only one node uses: nothing to tell. */
    Notifications NONE = new Notifications() {
        @Override
        public void announce(StoreTransaction tx, Channel channel) {
        }

        @Override
        public AutoCloseable subscribe(Channel channel, Runnable listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    };
}
