package io.hookwright.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Fresh message digests, cloned from one made at start: looking an algorithm up among the providers on every
 * render cost more than the digest itself.
 */
final class Digests {
    private static final MessageDigest SHA_1 = named("SHA-1");
    private static final MessageDigest SHA_256 = named("SHA-256");

    private Digests() {
    }

    static MessageDigest sha1() {
        return copy(SHA_1);
    }

    static MessageDigest sha256() {
        return copy(SHA_256);
    }

    /** A copy of {@code digest} in its current state: what was fed to it so far is fed to the copy too. */
    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest named(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
