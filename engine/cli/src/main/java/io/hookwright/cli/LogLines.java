package io.hookwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.event.EventJson;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * serve's log: one line per record on standard error, as text for people or as JSON objects for a log pipeline.
 * A record whose one parameter is a map (a delivery attempt's fields) gives those fields to the JSON line.
 */
enum LogLines {
    TEXT {
        @Override
        Formatter formatter() {
            return new Formatter() {
                @Override
                public String format(LogRecord record) {
                    StringBuilder line = new StringBuilder().append(Instant.ofEpochMilli(record.getMillis()))
                            .append(' ').append(record.getLevel().getName()).append(' ').append(formatMessage(record));
                    if (record.getThrown() != null) {
                        line.append(": ").append(record.getThrown());
                    }
                    return line.append(System.lineSeparator()).toString();
                }
            };
        }
    },
    JSON {
        @Override
        Formatter formatter() {
            return new Formatter() {
                @Override
                public String format(LogRecord record) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
                    line.put("level", record.getLevel().getName());
                    line.put("logger", record.getLoggerName());
                    line.put("message", formatMessage(record));
                    Object[] parameters = record.getParameters();
                    if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
                        fields.forEach((k, v) -> line.putIfAbsent(String.valueOf(k), v));
                    }
                    if (record.getThrown() != null) {
                        line.put("error", record.getThrown().toString());
                    }
                    try {
                        return EventJson.MAPPER.writeValueAsString(line) + System.lineSeparator();
                    } catch (JsonProcessingException e) {
                        return "{\"level\":\"SEVERE\",\"message\":\"a log record could not be written as JSON\"}"
                                + System.lineSeparator();
                    }
                }
            };
        }
    };

    abstract Formatter formatter();

    /** {@code message} as one line of serve's log, with its line separator. */
    String line(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.hookwright.serve");
        return line(record);
    }

    /** {@code record} as one line, with its line separator. */
    String line(LogRecord record) {
        return formatter().format(record);
    }

    /** Makes this the format of every log record of the process, written to {@code err}. */
    void install(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        // The JVM's logging closes its handlers at exit; standard error must stay open for what is printed after.
        OutputStream unclosed = new FilterOutputStream(err) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        Handler handler = new StreamHandler(unclosed, formatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        root.addHandler(handler);
    }
}
