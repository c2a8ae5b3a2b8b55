package io.hookwright.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * How large an event may be, whichever way it arrives (REST, the Java API, a workspace file): event data comes from
 * every user of the host, and what the engine keeps per type or id, or shows in an explanation, must not grow with
 * it. A breach is an {@link EventFormatException} naming the field, e.g. {@code entity.key}.
 */
public final class EventLimits {
    /** The longest event type, {@code Entity:Action} (the store's column holds 200). */
    public static final int MAX_TYPE_LENGTH = 200;
    /** The longest event id, entity or parent id or key, or initiator userId or login. */
    public static final int MAX_ID_LENGTH = 200;
    /** The longest tenant. */
    public static final int MAX_TENANT_LENGTH = 100;
    /** The longest initiator name and entity or parent type. */
    public static final int MAX_NAME_LENGTH = 200;
    /** The longest attribute name (any key of {@code attributes}, {@code before} or an object inside them). */
    public static final int MAX_FIELD_NAME_LENGTH = 200;
    /** The longest text value in the attributes; longer text cannot be matched by a definition's regex anyway. */
    public static final int MAX_TEXT_LENGTH = 100_000;
    /** The most digits of a number (its unscaled value: {@code 1.50} has three). */
    public static final int MAX_NUMBER_DIGITS = 100;
    /** The largest decimal exponent of a number, either way: {@code 1e1000} and {@code 1e-1000} are the extremes. */
    public static final int MAX_NUMBER_EXPONENT = 1000;
    /** The deepest nesting of lists and objects inside one attribute value. */
    public static final int MAX_DEPTH = 32;
    /** The most entries of one list or object. */
    public static final int MAX_ELEMENTS = 10_000;
    /** The most values (text, numbers, lists, objects…) in an event's attributes, before and changes together. */
    public static final int MAX_VALUES = 100_000;

    private EventLimits() {
    }

    /**
     * Checks every identifier and value of an event.
     *
     * @throws EventFormatException naming the first field over a limit
     */
    public static void check(Event event) {
        type(event.type());
        identifier("id", event.id(), MAX_ID_LENGTH);
        identifier("tenant", event.tenant(), MAX_TENANT_LENGTH);
        if (event.initiator() != null) {
            identifier("initiator.userId", event.initiator().userId(), MAX_ID_LENGTH);
            identifier("initiator.name", event.initiator().name(), MAX_NAME_LENGTH);
            identifier("initiator.login", event.initiator().login(), MAX_ID_LENGTH);
        }
        if (event.entity() == null) {
            throw new EventFormatException("entity", "is required");
        }
        identifier("entity.type", event.entity().type(), MAX_NAME_LENGTH);
        identifier("entity.id", event.entity().id(), MAX_ID_LENGTH);
        identifier("entity.key", event.entity().key(), MAX_ID_LENGTH);
        if (event.parent() != null) {
            identifier("parent.type", event.parent().type(), MAX_NAME_LENGTH);
            identifier("parent.id", event.parent().id(), MAX_ID_LENGTH);
            identifier("parent.key", event.parent().key(), MAX_ID_LENGTH);
        }
        Budget budget = new Budget();
        values("entity.attributes", event.entity().attributes(), budget);
        if (event.before() != null) {
            values("before", event.before(), budget);
        }
        List<Change> changes = event.changes();
        if (changes.size() > MAX_ELEMENTS) {
            throw new EventFormatException("changes", "holds " + changes.size() + " changes; at most " + MAX_ELEMENTS);
        }
        for (int i = 0; i < changes.size(); i++) {
            String at = "changes[" + i + "]";
            identifier(at + ".field", changes.get(i).field(), MAX_FIELD_NAME_LENGTH);
            value(at + ".previous", changes.get(i).previous(), 1, budget);
            value(at + ".current", changes.get(i).current(), 1, budget);
        }
    }

    /** The type's length and form, checked before it is shown in any message. */
    public static void type(String type) {
        if (type == null || type.isBlank()) {
            throw new EventFormatException("type", "is required");
        }
        identifier("type", type, MAX_TYPE_LENGTH);
        if (!entityAction(type)) {
            throw new EventFormatException("type", "'" + type + "' is not Entity:Action, e.g. Task:Updated");
        }
    }

    /**
     * {@code Entity:Action}: two names of ASCII letters, digits and underscores, each beginning with a letter. Checked
     * without a regular expression: every event is checked when it is read and again when it is published.
     */
    private static boolean entityAction(String type) {
        int colon = type.indexOf(':');
        return colon > 0 && name(type, 0, colon) && name(type, colon + 1, type.length());
    }

    private static boolean name(String text, int from, int to) {
        if (from >= to || !letter(text.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!letter(c) && (c < '0' || c > '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** An identifier: absent, or at most {@code max} characters, none of them a control character. */
    public static void identifier(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new EventFormatException(field, "is " + value.length() + " characters long; at most " + max);
        }
        String bad = badCharacter(value);
        if (bad != null) {
            throw new EventFormatException(field, "holds " + bad + "; identifiers take no control characters");
        }
    }

    /**
     * The first character an identifier may not hold, described ({@code the control character U+000A at 4}), or
     * null. Refused: control characters, the line and paragraph separators, the bidirectional controls that make
     * text display other than it reads, and halves of a surrogate pair without the other.
     */
    static String badCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= ' ' && c < '\u007f') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            String what = Character.isISOControl(c) ? "the control character"
                    : c == '\u2028' || c == '\u2029' ? "the line separator"
                    : c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                    ? "the bidirectional control"
                    : Character.isSurrogate(c) ? "the unpaired surrogate" : null;
            if (what != null) {
                return what + String.format(" U+%04X at %d", (int) c, i + 1);
            }
        }
        return null;
    }

    /** How many values an event may still hold. */
    private static final class Budget {
        int left = MAX_VALUES;

        void spend(String field) {
            if (--left < 0) {
                throw new EventFormatException(field, "the event holds more than " + MAX_VALUES + " values");
            }
        }
    }

    private static void values(String field, Map<String, ?> map, Budget budget) {
        value(field, map, 0, budget);
    }

    private static void value(String field, Object value, int depth, Budget budget) {
        budget.spend(field);
        if (value == null || value instanceof Boolean) {
            return;
        }
        if (value instanceof String text) {
            if (text.length() > MAX_TEXT_LENGTH) {
                throw new EventFormatException(field, "is text of " + text.length() + " characters; at most "
                        + MAX_TEXT_LENGTH);
            }
            return;
        }
        if (value instanceof Number number) {
            number(field, number);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            nested(field, map.size(), depth);
            int position = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                position++;
                String name = name(field, entry.getKey(), position);
                value(field + "." + name, entry.getValue(), depth + 1, budget);
            }
            return;
        }
        if (value instanceof List<?> list) {
            nested(field, list.size(), depth);
            for (int i = 0; i < list.size(); i++) {
                value(field + "[" + i + "]", list.get(i), depth + 1, budget);
            }
        }
    }

    private static void nested(String field, int size, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EventFormatException(field, "is nested " + depth + " lists or objects deep; at most " + MAX_DEPTH);
        }
        if (size > MAX_ELEMENTS) {
            throw new EventFormatException(field, "holds " + size + " entries; at most " + MAX_ELEMENTS);
        }
    }

    /** A key of an object, checked without putting a name that breaks a limit into the message. */
    private static String name(String field, Object key, int position) {
        if (!(key instanceof String name)) {
            throw new EventFormatException(field, "the name at position " + position + " is not text");
        }
        if (name.length() > MAX_FIELD_NAME_LENGTH) {
            throw new EventFormatException(field, "the name at position " + position + " is " + name.length()
                    + " characters long; at most " + MAX_FIELD_NAME_LENGTH);
        }
        String bad = badCharacter(name);
        if (bad != null) {
            throw new EventFormatException(field, "the name at position " + position + " holds " + bad
                    + "; names take no control characters");
        }
        return name;
    }

    /**
     * A number within {@link #MAX_NUMBER_DIGITS} significant digits and an exponent within
     * {@link #MAX_NUMBER_EXPONENT}: written out in full, the largest fits in about a thousand characters.
     */
    static void number(String field, Number number) {
        if (number instanceof Double || number instanceof Float) {
            if (!Double.isFinite(number.doubleValue())) {
                throw new EventFormatException(field, number + " is not a finite number");
            }
            return;
        }
        BigDecimal decimal = number instanceof BigInteger big ? new BigDecimal(big)
                : number instanceof BigDecimal d ? d : null;
        if (decimal != null) {
            if (decimal.precision() > MAX_NUMBER_DIGITS) {
                throw new EventFormatException(field, "has " + decimal.precision() + " digits; at most "
                        + MAX_NUMBER_DIGITS);
            }
            long exponent = (long) decimal.precision() - decimal.scale() - 1;
            if (Math.abs(exponent) > MAX_NUMBER_EXPONENT) {
                throw new EventFormatException(field, "has the exponent " + exponent + "; at most " + MAX_NUMBER_EXPONENT
                        + " either way");
            }
        }
    }
}
