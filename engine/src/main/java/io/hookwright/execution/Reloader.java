package io.hookwright.execution;

import io.hookwright.definitions.DefinitionsSource;

import java.util.logging.Logger;

/**
 * Reloads the definitions folder into a running engine, all or nothing: when any file has an error, the set that
 * runs stays; otherwise the new set replaces it in one step, so every event is planned against one whole set.
 * Reloads run one at a time.
 */
public final class Reloader {
    private static final Logger LOG = Logger.getLogger(Reloader.class.getName());

    private final Engine engine;
    private final DefinitionsSource source;

    public Reloader(Engine engine, DefinitionsSource source) {
        this.engine = engine;
        this.source = source;
    }

    public synchronized DefinitionsSource.Load reload() {
        DefinitionsSource.Load load = source.load();
        if (load.valid()) {
            engine.load(new LoadedDefinitions(load.definitions(), load.revision()));
            LOG.info("reloaded " + load.definitions().size() + " webhooks from " + source.folder() + " at revision "
                    + load.revision());
        } else {
            LOG.warning("reload of " + source.folder() + " refused: " + load.errors().size()
                    + " error(s); the previous definitions keep running");
        }
        return load;
    }

    public DefinitionsSource source() {
        return source;
    }
}
