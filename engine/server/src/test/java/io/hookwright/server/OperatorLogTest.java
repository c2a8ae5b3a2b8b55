package io.hookwright.server;

import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.OperatorLog;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every change an operator makes is logged with who made it and how it ended; the host's events are not. */
class OperatorLogTest {
    @TempDir
    Path dir;
    private ServerFixture server;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(OperatorLog.LOGGER);
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        logger.addHandler(handler);
        server = new ServerFixture(dir, 9, EngineFixture.webhook("erp", "/erp", "synchronous false"));
    }

    @AfterEach
    void stop() {
        server.close();
        logger.removeHandler(handler);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(LogRecord record) {
        return (Map<String, Object>) record.getParameters()[0];
    }

    @Test
    void deactivateActivateAndReloadAreLoggedWithWhoAndTheOutcome() {
        assertEquals(200, server.post("/webhooks/erp/deactivate?reason=maintenance", Scope.WEBHOOKS_WRITE, null)
                .statusCode());
        assertEquals(200, server.post("/webhooks/erp/activate", Scope.ADMIN, null).statusCode());
        assertEquals(200, server.post("/admin/reload", Scope.ADMIN, null).statusCode());
        assertEquals(403, server.post("/admin/reload", Scope.RUNS_READ, null).statusCode());

        assertEquals(List.of(
                "operator webhooks:write: POST /webhooks/erp/deactivate -> 200",
                "operator admin: POST /webhooks/erp/activate -> 200",
                "operator admin: POST /admin/reload -> 200",
                "operator runs:read: POST /admin/reload -> 403"), logged.stream().map(LogRecord::getMessage).toList());
        assertEquals(Level.WARNING, logged.get(3).getLevel(), "a refused action stands out");
        assertEquals(Map.of("event", "operator-action", "who", "webhooks:write", "method", "POST",
                "path", "/webhooks/erp/deactivate", "status", 200), fields(logged.get(0)));
    }

    @Test
    void theHostsEventsAndReadsAreNotOperatorActions() {
        String event = "{\"type\": \"Project:Updated\", \"entity\": {\"type\": \"Project\", \"id\": \"p-1\", \"key\": \"D\"}}";
        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, event).statusCode());
        assertEquals(201, server.post("/transactions", Scope.EVENTS_WRITE, null).statusCode());
        assertEquals(200, server.get("/webhooks", Scope.WEBHOOKS_READ).statusCode());
        assertTrue(logged.isEmpty(), logged.stream().map(LogRecord::getMessage).toList().toString());
    }
}
