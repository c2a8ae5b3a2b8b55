package io.hookwright.execution;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionSnapshot;
import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.definitions.PublishedDefinitions;
import io.hookwright.definitions.PublishedDefinitions.Published;
import io.hookwright.definitions.DefinitionWarnings;
import io.hookwright.definitions.UnsetSecrets;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.render.Secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reloads the definitions into a running engine, all or nothing: when any file has an error, the set that runs
 * stays; otherwise the new set replaces it in one step, so every event is planned against one whole set.
 * <p>
 * A reloaded set is published to the database with its files, and every other engine node on the database loads
 * that same set ({@link #follow}) within seconds, whatever its own copy of the folder holds. Reloads and follows run
 * one at a time.
 */
public final class Reloader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Reloader.class.getName());

    private final Engine engine;
    private final DefinitionsSource source;
    private final PublishedDefinitions shared;
    private final Secrets secrets;
    private volatile LastReload last;

    /**
     * How the last reload or follow ended: {@code ok}, or refused with {@code errors} errors while the set running
     * before keeps running.
     */
    public record LastReload(Instant at, boolean ok, int errors, String revision) {
    }
    private Path cache;
    /** The digest of the set this engine runs; null until it joined. */
    private String running;
    /** A published set this node could not compile: not tried again until another is published. */
    private String refused;

    public Reloader(Engine engine, DefinitionsSource source, PublishedDefinitions shared) {
        this(engine, source, shared, Secrets.none());
    }

    /** A reloader that also reads {@code secrets} again on every reload: a secret added or rotated needs no restart. */
    public Reloader(Engine engine, DefinitionsSource source, PublishedDefinitions shared, Secrets secrets) {
        this.engine = engine;
        this.source = source;
        this.shared = shared;
        this.secrets = secrets;
    }

    /**
     * Reads the folder and, when every file is valid, runs its set here and publishes it to the other nodes;
     * returns the load, with every error when it is refused.
     */
    public synchronized DefinitionsSource.Load reload() {
        rereadSecrets();
        DefinitionSnapshot snapshot = source.snapshot();
        DefinitionsSource.Load load = source.load(snapshot, source.folder());
        for (int tries = 1; tries < 3 && load.valid(); tries++) {
            // The folder is compiled where it is, with every check on its files; what is published must be what
            // was compiled, so a folder that changed meanwhile (a checkout under way) is read again.
            DefinitionSnapshot after = source.snapshot();
            if (after.digest().equals(snapshot.digest())) {
                break;
            }
            snapshot = after;
            load = source.load(snapshot, source.folder());
        }
        last = new LastReload(engine.clock().instant(), load.valid(), load.errors().size(), load.revision());
        if (load.valid()) {
            engine.load(new LoadedDefinitions(load.definitions(), snapshot.revision()));
            running = snapshot.digest();
            shared.publish(snapshot, load.definitions().size(), engine.node(), engine.clock().instant());
            LOG.info("reloaded " + load.definitions().size() + " webhooks from " + source.folder() + " at revision "
                    + load.revision() + " (" + load.compiledFiles() + " of " + load.files()
                    + " files compiled, the others unchanged); published to the other nodes");
            warnings(load.definitions()).forEach(w -> LOG.warning(w.format()));
        } else {
            LOG.warning("reload of " + source.folder() + " refused: " + load.errors().size()
                    + " error(s); the previous definitions keep running");
        }
        return load;
    }

    /**
     * Joins the other nodes when this engine starts, running the set it loaded from its folder: a set no node has
     * run before is a new deployment, published for the others to follow; a set the nodes ran before is an older
     * copy of the folder (a node restarted on a stale checkout), so this node follows the set that runs now.
     */
    public synchronized void join() {
        DefinitionSnapshot mine = source.snapshot();
        Optional<Published> current = shared.current();
        if (current.isPresent() && current.get().digest().equals(mine.digest())) {
            running = mine.digest();
        } else if (current.isEmpty() || !shared.known(mine.digest())) {
            running = mine.digest();
            shared.publish(mine, engine.definitions().definitions().size(), engine.node(), engine.clock().instant());
        } else {
            Published now = current.get();
            LOG.info("the definitions in " + source.folder() + " (revision " + mine.revision() + ") are a set the "
                    + "nodes ran before; following the set they run now: revision " + now.revision() + ", published by "
                    + now.node() + " at " + now.at());
            running = mine.digest();
            follow();
        }
    }

    /**
     * Loads the set another node published, when it is not the one running here. Returns whether it loaded one.
     */
    public synchronized boolean follow() {
        Optional<Published> current = shared.current();
        if (current.isEmpty() || current.get().digest().equals(running) || current.get().digest().equals(refused)) {
            return false;
        }
        Published published = current.get();
        Optional<DefinitionSnapshot> snapshot = shared.get(published.digest());
        if (snapshot.isEmpty()) {
            return false;
        }
        rereadSecrets();
        DefinitionsSource.Load load = source.load(snapshot.get(), folderFor(snapshot.get()));
        last = new LastReload(engine.clock().instant(), load.valid(), load.errors().size(), published.revision());
        if (!load.valid()) {
            refused = published.digest();
            LOG.warning("the definitions " + published.node() + " published (revision " + published.revision()
                    + ") do not compile on this node (" + load.errors().size() + " error(s), the first: "
                    + load.errors().get(0).format() + "); it keeps running revision " + engine.definitionsRevision());
            return false;
        }
        engine.load(new LoadedDefinitions(load.definitions(), published.revision()));
        running = published.digest();
        LOG.info("loaded " + load.definitions().size() + " webhooks at revision " + published.revision()
                + ", published by " + published.node());
        warnings(load.definitions()).forEach(w -> LOG.warning(w.format()));
        return true;
    }

    /** How the last reload (or load of a set another node published) ended; empty before the first. */
    public Optional<LastReload> lastReload() {
        return Optional.ofNullable(last);
    }

    /** The secrets {@code definitions} name that are not set here: each would fail every send of its webhook. */
    public List<DefinitionError> unsetSecrets(CompiledDefinitions definitions) {
        return UnsetSecrets.in(definitions.rules(), secrets);
    }

    /**
     * What is wrong with {@code definitions} without refusing them, by file, line and column: the secrets they name
     * that are not set here, and the event types they listen to that the engine does not know.
     */
    public List<DefinitionError> warnings(CompiledDefinitions definitions) {
        return DefinitionWarnings.of(definitions.rules(), secrets);
    }

    private void rereadSecrets() {
        try {
            secrets.reread();
        } catch (IOException e) {
            LOG.warning("the secrets could not be read again (" + e.getMessage() + "); the values read before stay");
        }
    }

    /** Follows without throwing: for the scheduler and the database's notifications. */
    public void followQuietly() {
        try {
            follow();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "loading the definitions other nodes published failed: " + e.getMessage(), e);
        }
    }

    public DefinitionsSource source() {
        return source;
    }

    /** Where a snapshot is written out to be compiled: one folder per set, until {@link #close}. */
    private Path folderFor(DefinitionSnapshot snapshot) {
        try {
            if (cache == null) {
                cache = Files.createTempDirectory("hookwright-definitions-");
            }
            Path folder = cache.resolve(snapshot.digest().substring(0, 16));
            return Files.isDirectory(folder) ? folder : snapshot.writeTo(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the copies of published sets written out to be compiled. */
    @Override
    public synchronized void close() {
        if (cache == null) {
            return;
        }
        try (var paths = Files.walk(cache)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "removing " + cache + " failed", e);
        }
        cache = null;
    }
}
