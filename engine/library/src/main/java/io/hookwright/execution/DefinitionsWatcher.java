package io.hookwright.execution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code serve --watch}: reloads the definitions when their files change. Changes are gathered until the folder has
 * been quiet for a moment, so an editor's save or a {@code git pull} of many files gives one reload, not many.
 */
public final class DefinitionsWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DefinitionsWatcher.class.getName());

    private final Reloader reloader;
    private final Duration quiet;
    private final Consumer<io.hookwright.definitions.DefinitionsSource.Load> onReload;
    private final WatchService watch;
    private final Thread thread;

    public DefinitionsWatcher(Reloader reloader, Duration quiet,
                              Consumer<io.hookwright.definitions.DefinitionsSource.Load> onReload) {
        this.reloader = reloader;
        this.quiet = quiet;
        this.onReload = onReload;
        try {
            this.watch = FileSystems.getDefault().newWatchService();
            register(reloader.source().folder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + reloader.source().folder(), e);
        }
        this.thread = Thread.ofPlatform().name("hookwright-watch").daemon().start(this::run);
    }

    private void register(Path folder) throws IOException {
        try (Stream<Path> folders = Files.walk(folder)) {
            for (Path dir : folders.filter(Files::isDirectory).toList()) {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                drain(key);
                // Gather the rest of a burst of changes.
                WatchKey more;
                while ((more = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                register(reloader.source().folder());
                try {
                    onReload.accept(reloader.reload());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "reloading after a change failed: " + e.getMessage(), e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (IOException e) {
            LOG.log(Level.WARNING, "watching " + reloader.source().folder() + " stopped: " + e.getMessage(), e);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.fine("closing the watch: " + e.getMessage());
        }
        thread.interrupt();
    }
}
