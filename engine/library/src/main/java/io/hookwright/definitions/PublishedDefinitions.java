package io.hookwright.definitions;

import java.time.Instant;
import java.util.Optional;

/**
 * The definitions sets engine nodes have published to their shared database: the newest is the one every node runs.
 */
public interface PublishedDefinitions {
    /** Which set runs, who published it and when. */
    record Published(String digest, String revision, int webhooks, String node, Instant at) {
    }

    /** Makes {@code snapshot} the set that runs, telling the other nodes; publishing a known set again makes it current. */
    void publish(DefinitionSnapshot snapshot, int webhooks, String node, Instant at);

    /** The set that runs now; empty before any node published one. */
    Optional<Published> current();

    /** A published set's files. */
    Optional<DefinitionSnapshot> get(String digest);

    /** Whether a set with these files was ever published. */
    boolean known(String digest);
}
