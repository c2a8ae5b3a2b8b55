package io.hookwright.dsl.load;

import groovy.lang.Closure;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.StringGroovyMethods;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's second line, compiled into every definition by {@link AccessGuard}: each property read, subscript
 * and method call on a value goes through here and is checked against the value's <em>runtime</em> type.
 *
 * <p>{@link SandboxVerifier} allows method names whatever the receiver, because the compiler cannot know it.
 * Here the receiver is known, and only plain data answers: maps give their entries, lists and texts their
 * elements, and only {@link SandboxVerifier#VALUE_METHODS} may be called on text, numbers, maps and lists. A
 * class, a closure's owner, a class loader or anything else a definition might reach is refused whatever the
 * route ({@code x['class']}, {@code x.getAt('metaClass')}, spread-dot…). Methods that would change a value
 * ({@code sort}, {@code unique}) run in their copying form, so a where closure cannot alter the event every
 * webhook shares. Regular expressions match over text that checks for interruption, so a catastrophic pattern
 * stops when its time limit cuts it off.
 */
public final class SandboxRuntime {
    /** Classes whose static constants and listed static methods a definition may use, e.g. {@code Integer.MAX_VALUE}. */
    static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, Number.class, BigDecimal.class, BigInteger.class, List.class, Map.class,
            Collection.class, Math.class);

    /** How deep calls made by definition code may nest: far beyond real use, well before the stack runs out. */
    static final int MAX_DEPTH = 500;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private static final Set<String> REGEX_METHODS = Set.of("matches", "find", "findAll", "split");
    private static final Set<String> COPYING_METHODS = Set.of("sort", "unique");

    private SandboxRuntime() {
    }

    /** {@code target.name}, {@code target?.name} and {@code target*.name}. */
    public static Object property(Object target, String name, boolean safe, boolean spread) {
        if (target == Ignored.INSTANCE) {
            return target;
        }
        if (target == null) {
            if (safe) {
                return null;
            }
            throw new NullPointerException("Cannot get property '" + name + "' on null object");
        }
        if (spread) {
            return each(target, element -> property(element, name, true, false));
        }
        if (target instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (target instanceof Map.Entry<?, ?> entry && (name.equals("key") || name.equals("value"))) {
            return name.equals("key") ? entry.getKey() : entry.getValue();
        }
        if (target instanceof Collection<?> || target instanceof Object[]) {
            return each(target, element -> property(element, name, true, false));
        }
        if (target instanceof Class<?> type && VALUE_CLASSES.contains(type)) {
            return constant(type, name);
        }
        throw new SandboxViolation("cannot read '" + name + "' of " + describe(target)
                + ": only maps (the event and its objects) have fields here; call a method instead, e.g. .size()");
    }

    /** {@code target[key]} and {@code target?[key]}. */
    public static Object index(Object target, Object key, boolean safe) {
        if (target == Ignored.INSTANCE) {
            return target;
        }
        if (target == null) {
            if (safe) {
                return null;
            }
            throw new NullPointerException("Cannot get [" + key + "] of null object");
        }
        if (target instanceof Map<?, ?> map) {
            return map.get(key);
        }
        boolean sequence = target instanceof Collection<?> || target instanceof Object[];
        if ((sequence || target instanceof CharSequence || target instanceof Matcher) && isPosition(key)) {
            return InvokerHelper.invokeMethod(target, "getAt", new Object[]{key});
        }
        if (sequence && key instanceof CharSequence name) {
            return property(target, name.toString(), false, false);
        }
        throw new SandboxViolation("cannot read [" + (key instanceof CharSequence ? "'" + key + "'" : key) + "] of "
                + describe(target) + ": use [] on maps with a key, and on lists and text with a position");
    }

    /** {@code receiver.name(args)}, with {@code ?.} and {@code *.}. */
    public static Object call(Object receiver, String name, boolean safe, boolean spread, List<?> arguments) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            throw new SandboxViolation("calls nested more than " + MAX_DEPTH + " deep at '" + name
                    + "(…)': look for a closure that calls itself, recursion without end");
        }
        depth[0]++;
        try {
            return dispatch(receiver, name, safe, spread, arguments);
        } finally {
            depth[0]--;
        }
    }

    private static Object dispatch(Object receiver, String name, boolean safe, boolean spread, List<?> arguments) {
        Object[] args = arguments.toArray();
        if (receiver == Ignored.INSTANCE) {
            return receiver;
        }
        if (receiver == null && safe) {
            return null;
        }
        if (spread) {
            if (receiver == null) {
                return null;
            }
            return each(receiver, element -> call(element, name, true, false, arguments));
        }
        if (receiver instanceof FieldRef || receiver instanceof ChangedRef) {
            require(Vocabulary.CHAIN_WORDS.contains(name), receiver, name);
            return InvokerHelper.invokeMethod(receiver, name, args);
        }
        if (receiver instanceof Closure<?> closure) {
            require(name.equals("call"), receiver, name);
            return closure.call(args);
        }
        require(SandboxVerifier.VALUE_METHODS.contains(name), receiver, name);
        if (receiver instanceof Class<?> type) {
            require(VALUE_CLASSES.contains(type), receiver, name);
            return InvokerHelper.invokeMethod(type, name, args);
        }
        require(receiver == null || isData(receiver), receiver, name);
        if (receiver instanceof CharSequence text && REGEX_METHODS.contains(name) && args.length == 1
                && (args[0] instanceof CharSequence || args[0] instanceof Pattern)) {
            return regex(text, name, pattern(args[0]));
        }
        if (COPYING_METHODS.contains(name) && (receiver instanceof Collection<?> || receiver instanceof Object[])) {
            return copying(receiver, name, args);
        }
        if (receiver instanceof Map<?, ?> && name.equals("replace")) {
            throw new SandboxViolation("replace(…) would change the map; a definition only reads values");
        }
        return InvokerHelper.invokeMethod(receiver, name, args);
    }

    /** {@code text =~ regex}. */
    public static Matcher find(Object text, Object regex) {
        return pattern(regex).matcher(new InterruptibleText(String.valueOf(text)));
    }

    /** {@code text ==~ regex}. */
    public static boolean match(Object text, Object regex) {
        return pattern(regex).matcher(new InterruptibleText(String.valueOf(text))).matches();
    }

    static boolean isData(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Map<?, ?> || value instanceof Map.Entry<?, ?>
                || value instanceof Collection<?> || value instanceof Object[] || value instanceof Matcher;
    }

    private static Object regex(CharSequence text, String name, Pattern pattern) {
        CharSequence checked = new InterruptibleText(text.toString());
        return switch (name) {
            case "matches" -> pattern.matcher(checked).matches();
            case "find" -> StringGroovyMethods.find(checked, pattern);
            case "findAll" -> StringGroovyMethods.findAll(checked, pattern);
            default -> pattern.split(checked);
        };
    }

    private static Object copying(Object receiver, String name, Object[] args) {
        List<Object> copy = receiver instanceof Object[] array ? new ArrayList<>(Arrays.asList(array))
                : new ArrayList<>((Collection<?>) receiver);
        Object[] withFlag;
        if (args.length > 0 && args[0] instanceof Boolean) {
            withFlag = args.clone();
            withFlag[0] = Boolean.FALSE;
        } else {
            withFlag = new Object[args.length + 1];
            withFlag[0] = Boolean.FALSE;
            System.arraycopy(args, 0, withFlag, 1, args.length);
        }
        return InvokerHelper.invokeMethod(copy, name, withFlag);
    }

    private static Pattern pattern(Object regex) {
        return regex instanceof Pattern p ? p : Pattern.compile(String.valueOf(regex));
    }

    private static boolean isPosition(Object key) {
        if (key instanceof Number || key instanceof groovy.lang.Range<?>) {
            return true;
        }
        if (key instanceof Collection<?> keys) {
            return keys.stream().allMatch(SandboxRuntime::isPosition);
        }
        return false;
    }

    private static Object constant(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                return field.get(null);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // refused below
        }
        throw new SandboxViolation("cannot read '" + name + "' of " + type.getSimpleName()
                + ": only constants such as Integer.MAX_VALUE can be read from a class");
    }

    private static List<Object> each(Object values, java.util.function.Function<Object, Object> action) {
        Iterable<?> iterable;
        if (values instanceof Iterable<?> i) {
            iterable = i;
        } else if (values instanceof Object[] array) {
            iterable = Arrays.asList(array);
        } else {
            throw new SandboxViolation("*. needs a list, not " + describe(values));
        }
        List<Object> results = new ArrayList<>();
        for (Object value : iterable) {
            results.add(action.apply(value));
        }
        return results;
    }

    private static void require(boolean allowed, Object receiver, String name) {
        if (!allowed) {
            throw new SandboxViolation("'" + name + "(…)' cannot be called on " + describe(receiver)
                    + " in a definition");
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Class<?> type) {
            return "the class " + type.getName();
        }
        if (value instanceof Closure<?>) {
            return "a closure";
        }
        if (value instanceof FieldRef) {
            return "field(…)";
        }
        if (value instanceof ChangedRef) {
            return "changed(…)";
        }
        if (value instanceof CharSequence) {
            return "a text";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** A definition tried to reach something outside the data it may read. */
    static final class SandboxViolation extends RuntimeException {
        SandboxViolation(String message) {
            super(message, null, false, false);
        }
    }

    /** Text that a regular expression reads while the thread's interruption is checked, every few thousand reads. */
    static final class InterruptibleText implements CharSequence {
        private final String text;
        private int reads;

        InterruptibleText(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new SandboxViolation("stopped: the time limit ran out while matching a regular expression");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
