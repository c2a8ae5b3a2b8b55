package io.hookwright.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-keeping, unmodifiable copies of JSON-like values, so an event cannot change once built. */
public final class Maps {
    private Maps() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> frozen(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, frozenValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return frozen((Map<String, ?>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(frozenValue(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
