package io.hookwright.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code hookwright serve} as users run it, in a JVM of its own, with one thing added for {@link ServeFatalErrorTest}:
 * once the file named by the first argument appears, a thread of the JVM dies of an OutOfMemoryError, as an engine
 * worker would when the heap runs out. The other arguments go to {@code hookwright}.
 */
public final class FatalServe {
    private FatalServe() {
    }

    public static void main(String[] args) {
        Path trigger = Path.of(args[0]);
        Thread.ofPlatform().daemon().name("fatal-trigger").start(() -> {
            while (!Files.exists(trigger)) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Thread.ofPlatform().name("hookwright-claimer-like").start(() -> {
                throw new OutOfMemoryError("simulated: Java heap space");
            });
        });
        Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
}
