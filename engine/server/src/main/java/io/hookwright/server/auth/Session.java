package io.hookwright.server.auth;

import java.time.Instant;

/**
 * A browser signed in to the web page: who (the token's name and scopes, never the token), the token its forms
 * carry against cross-site requests, and the times its expiry is counted from.
 *
 * @param csrf     the synchronizer token every form of this session posts back
 * @param created  when the login made it; it ends {@link Sessions#ABSOLUTE} after, however busy
 * @param lastUsed when a request last came with it; it ends {@link Sessions#IDLE} after
 */
public record Session(Caller caller, String csrf, Instant created, Instant lastUsed) {
    Session used(Instant at) {
        return new Session(caller, csrf, created, at);
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(lastUsed.plus(Sessions.IDLE)) || !now.isBefore(created.plus(Sessions.ABSOLUTE));
    }
}
