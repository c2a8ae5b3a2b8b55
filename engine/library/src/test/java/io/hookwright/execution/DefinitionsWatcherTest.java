package io.hookwright.execution;

import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.definitions.JooqPublishedDefinitions;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve --watch}: a changed folder is reloaded; a broken change leaves the running set alone. */
class DefinitionsWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileIsLoadedAndABrokenOneRefused() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir, 1, EngineFixture.webhook("first", "/a", "synchronous false"))) {
            Engine engine = fixture.engine();
            List<DefinitionsSource.Load> loads = new CopyOnWriteArrayList<>();
            Reloader reloader = new Reloader(engine, new DefinitionsSource(dir.resolve("webhooks")),
                    new JooqPublishedDefinitions(fixture.database));
            try (var watcher = new DefinitionsWatcher(reloader, Duration.ofMillis(200), loads::add)) {
                fixture.write("second.groovy", EngineFixture.webhook("second", "/b", "synchronous false")
                        .replace("RECEIVER", "http://localhost:1"));
                awaitLoads(loads, 1);
                assertTrue(loads.get(0).valid(), loads.get(0).errors().toString());
                assertEquals(2, engine.definitions().definitions().size());

                fixture.write("third.groovy", "webhook('third') { on 'Nope' }");
                awaitLoads(loads, 2);
                assertFalse(loads.get(loads.size() - 1).valid());
                assertEquals(2, engine.definitions().definitions().size(), "the running set stays");
            }
        }
    }

    private static void awaitLoads(List<DefinitionsSource.Load> loads, int count) {
        Await.until(Duration.ofSeconds(60), () -> loads.size() >= count, () -> count + " reloads; seen: " + loads.size());
    }
}
