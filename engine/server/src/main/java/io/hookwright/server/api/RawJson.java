package io.hookwright.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * JSON the engine wrote already, written into an answer as it is: what each posted event did is written once, for
 * the answer kept for repeats, and not read and written again for each answer.
 */
@JsonSerialize(using = RawJson.Writer.class)
record RawJson(String json) {
    static final class Writer extends StdSerializer<RawJson> {
        Writer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(value.json());
        }
    }
}
