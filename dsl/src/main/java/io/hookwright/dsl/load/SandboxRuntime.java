package io.hookwright.dsl.load;

import groovy.lang.Closure;
import groovy.lang.GString;
import org.codehaus.groovy.runtime.GStringImpl;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.ScriptBytecodeAdapter;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;
import org.codehaus.groovy.runtime.typehandling.NumberMath;

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
 * webhook shares.
 *
 * <p>It also bounds the work a single call could make endless: regular expressions run through
 * {@link SandboxRegex} with the running code's time left, arithmetic through {@link BoundedArithmetic}, text
 * building through {@link BoundedText}, and walking or comparing long lists through {@link SandboxSizes}, with the
 * sizes of {@link SandboxLimits}.
 */
public final class SandboxRuntime {
    /** Classes whose static constants and listed static methods a definition may use, e.g. {@code Integer.MAX_VALUE}. */
    static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, Number.class, BigDecimal.class, BigInteger.class, List.class, Map.class,
            Collection.class, Math.class);

    /** How deep calls made by definition code may nest: far beyond real use, well before the stack runs out. */
    static final int MAX_DEPTH = 200;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** What {@link #bounded} returns for a call it leaves to Groovy. */
    static final Object UNBOUNDED = new Object();
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
        boolean textMatches = receiver instanceof CharSequence && name.equals("matches");
        require(SandboxVerifier.VALUE_METHODS.contains(name) || textMatches, receiver, name);
        checkArguments(name, args);
        if (receiver instanceof Class<?> type) {
            require(VALUE_CLASSES.contains(type), receiver, name);
            if (type == String.class && name.equals("join") && args.length == 2 && args[1] instanceof Iterable<?> values) {
                return BoundedText.join(values, BoundedText.of(args[0]));
            }
            return checked(InvokerHelper.invokeMethod(type, name, args));
        }
        require(receiver == null || isData(receiver), receiver, name);
        Object bounded = bounded(receiver, name, args);
        if (bounded != UNBOUNDED) {
            return bounded;
        }
        if (COPYING_METHODS.contains(name) && (receiver instanceof Collection<?> || receiver instanceof Object[])) {
            return copying(receiver, name, args);
        }
        if (receiver instanceof Map<?, ?> && name.equals("replace")) {
            throw new SandboxViolation("replace(…) would change the map; a definition only reads values");
        }
        return checked(InvokerHelper.invokeMethod(receiver, name, args));
    }

    /** The methods whose work or result a single call could make too large, done within the limits. */
    private static Object bounded(Object receiver, String name, Object[] args) {
        boolean arithmetic = (name.equals("plus") || name.equals("minus")) && args.length == 1;
        if (receiver instanceof CharSequence text) {
            if (SandboxRegex.METHODS.contains(name) && args.length >= 1
                    && (args[0] instanceof CharSequence || args[0] instanceof Pattern)) {
                return SandboxRegex.call(text, name, args);
            }
            if (arithmetic) {
                return BoundedArithmetic.apply(name, text.toString(), args[0]);
            }
            return SandboxSizes.text(text, name, args);
        }
        if (receiver instanceof Number && arithmetic) {
            return BoundedArithmetic.apply(name, receiver, args[0]);
        }
        if (receiver instanceof Collection<?> || receiver instanceof Map<?, ?> || receiver instanceof Object[]) {
            SandboxSizes.walk(receiver, name);
            if (arithmetic) {
                return BoundedArithmetic.apply(name, receiver, args[0]);
            }
            if (name.equals("toString") && args.length == 0) {
                return BoundedText.of(receiver);
            }
            if (name.equals("join") && args.length <= 1) {
                return BoundedText.join(iterable(receiver), args.length == 0 ? "" : BoundedText.of(args[0]));
            }
            if (name.equals("grep") && args.length == 1 && args[0] instanceof Pattern pattern) {
                return SandboxRegex.grep(iterable(receiver), pattern);
            }
            SandboxSizes.pairs(receiver, name, args);
        }
        return UNBOUNDED;
    }

    /** A range too long to walk through is refused as an argument too ({@code list.intersect(1..1e9)}). */
    private static void checkArguments(String name, Object[] args) {
        for (Object arg : args) {
            if (arg instanceof groovy.lang.Range<?> && !name.equals("contains")) {
                SandboxSizes.walk(arg, name);
            }
        }
    }

    /** A result made by a method this class does not bound itself, checked after the fact. */
    static Object checked(Object result) {
        if (result instanceof CharSequence text) {
            BoundedText.check(text.length(), "this call");
        } else if (result instanceof Number) {
            BoundedArithmetic.checked(result);
        } else if (result instanceof Collection<?> list && !(result instanceof groovy.lang.Range<?>)
                && list.size() > SandboxLimits.MAX_ELEMENTS) {
            throw new SandboxViolation("this call made a list of " + list.size() + " elements, more than the "
                    + SandboxLimits.MAX_ELEMENTS + " a definition may build");
        } else {
            SandboxSizes.nested(result);
        }
        return result;
    }

    /** How many elements a list, map or array has. */
    static long sizeOf(Object values) {
        if (values instanceof Map<?, ?> map) {
            return map.size();
        }
        if (values instanceof Object[] array) {
            return array.length;
        }
        try {
            return ((Collection<?>) values).size();
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    static SandboxViolation tooMuchWork(String name, long size, long other) {
        return new SandboxViolation(name + "(…) would compare " + size + " × " + other + " elements, more than the "
                + SandboxLimits.MAX_PAIRS + " pairs a definition may: use smaller lists");
    }

    private static Iterable<?> iterable(Object values) {
        if (values instanceof Map<?, ?> map) {
            return map.entrySet();
        }
        return values instanceof Object[] array ? Arrays.asList(array) : (Iterable<?>) values;
    }

    /** {@code text =~ regex}. */
    public static Matcher find(Object text, Object regex) {
        return SandboxRegex.matcher(text, regex);
    }

    /** {@code text ==~ regex}. */
    public static boolean match(Object text, Object regex) {
        return SandboxRegex.matcher(text, regex).matches();
    }

    /** {@code left + right} and the other arithmetic operators, named as Groovy's methods ({@code plus}…). */
    public static Object arithmetic(String operator, Object left, Object right) {
        return BoundedArithmetic.apply(operator, left, right);
    }

    /** {@code [a, b]} and {@code [k: v]} as written: refused when the values nested in them are too many. */
    public static Object literal(Object value) {
        return SandboxSizes.nested(value);
    }

    /** {@code ++x}, and the step of {@code x++}. */
    public static Object next(Object value) {
        return BoundedArithmetic.next(value);
    }

    /** {@code --x}, and the step of {@code x--}. */
    public static Object previous(Object value) {
        return BoundedArithmetic.previous(value);
    }

    /** {@code x++}: the value before the step (the step was made while evaluating {@code stepped}). */
    public static Object postfix(Object before, Object stepped) {
        return before;
    }

    /**
     * {@code from..to}: whole numbers within int, decimals a short way apart, or single characters. A range of
     * whole numbers may be long (it holds no memory, {@code x in 0..1_000_000_000} is cheap), but methods that walk
     * through it refuse one longer than {@link SandboxLimits#MAX_ELEMENTS}.
     */
    public static Object range(Object from, Object to, boolean exclusiveLeft, boolean exclusiveRight) throws Throwable {
        if (from instanceof Number a && to instanceof Number b) {
            BoundedArithmetic.checkNumber(a);
            BoundedArithmetic.checkNumber(b);
            Integer first = wholeInt(a);
            Integer last = wholeInt(b);
            if (first != null && last != null) {
                return ScriptBytecodeAdapter.createRange(first, last, exclusiveLeft, exclusiveRight);
            }
            if (isWhole(a) && isWhole(b)) {
                throw new SandboxViolation("a range of whole numbers goes from " + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + ": compare instead, e.g. x >= " + a + " && x <= " + b);
            }
            BigDecimal span = NumberMath.toBigDecimal(b).subtract(NumberMath.toBigDecimal(a)).abs();
            if (span.compareTo(BigDecimal.valueOf(SandboxLimits.MAX_ELEMENTS)) > 0) {
                throw new SandboxViolation("a range of decimals may span at most " + SandboxLimits.MAX_ELEMENTS
                        + ": compare instead, e.g. x >= " + a + " && x <= " + b);
            }
            return ScriptBytecodeAdapter.createRange(a, b, exclusiveLeft, exclusiveRight);
        }
        if (isLetter(from) && isLetter(to)) {
            return ScriptBytecodeAdapter.createRange(from, to, exclusiveLeft, exclusiveRight);
        }
        throw new SandboxViolation("a range goes from a number to a number, or from a letter to a letter ('a'..'z'), "
                + "not from " + describe(from) + " to " + describe(to));
    }

    /** {@code "text ${value}"}: made at once, within the text limit; a lazy {@code ${-> …}} is refused. */
    public static GString text(List<?> values, List<String> strings) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < strings.size(); i++) {
            out.append(strings.get(i));
            if (i < values.size()) {
                Object value = values.get(i);
                if (value instanceof Closure<?>) {
                    throw new SandboxViolation("a lazy \"${-> …}\" cannot be used in a definition: its code would "
                            + "run whenever the text is read; write \"${…}\"");
                }
                String piece = BoundedText.of(value);
                BoundedText.check((long) out.length() + piece.length(), "this text");
                out.append(piece);
            }
        }
        return new GStringImpl(new Object[0], new String[]{out.toString()});
    }

    /** {@code ~'…'} and {@code ~/…/}: a pattern, checked; on a number, its bitwise negation. */
    public static Object negate(Object value) {
        if (value instanceof CharSequence || value instanceof GString) {
            return SandboxRegex.pattern(value);
        }
        return checked(InvokerHelper.invokeMethod(value, "bitwiseNegate", null));
    }

    /** {@code value in container} (and {@code !in}), as Groovy's {@code isCase}, with patterns matched bounded. */
    public static boolean isIn(Object value, Object container) {
        if (container instanceof Pattern pattern) {
            return SandboxRegex.isCase(pattern, value);
        }
        if (container == null) {
            return value == null;
        }
        if (container instanceof Closure<?> || container instanceof Map<?, ?> || container instanceof Collection<?>
                || container instanceof CharSequence || container instanceof Number || container instanceof Boolean
                || container instanceof Class<?>) {
            return DefaultTypeTransformation.castToBoolean(InvokerHelper.invokeMethod(container, "isCase",
                    new Object[]{value}));
        }
        throw new SandboxViolation("'in' needs a list, a range, a map, a pattern or a value on its right, not "
                + describe(container));
    }

    /** A {@code case} of a {@code switch}: a pattern is matched bounded, anything else as Groovy would. */
    public static Object caseValue(Object value) {
        return value instanceof Pattern pattern ? new RegexCase(pattern) : value;
    }

    /**
     * {@code value as Type} ({@code coerce}) and {@code (Type) value}. A map or closure is never turned into another
     * type: {@code [toString: { -> … }] as Number} would make a number whose every use runs the closure.
     */
    public static Object cast(Object value, Class<?> type, boolean coerce) {
        boolean same = type.isInstance(value) || type == Object.class;
        if (!same && (value instanceof Closure<?> || value instanceof Map<?, ?>) && type != Boolean.class
                && type != boolean.class) {
            throw new SandboxViolation("a " + (value instanceof Closure<?> ? "closure" : "map") + " cannot be turned "
                    + "into " + type.getSimpleName() + " in a definition");
        }
        if (type == String.class && value != null && !(value instanceof String)) {
            return BoundedText.of(value);
        }
        if (value instanceof CharSequence text && Number.class.isAssignableFrom(boxed(type))
                && text.length() > SandboxLimits.MAX_NUMBER_TEXT) {
            throw new SandboxViolation("a number is read from at most " + SandboxLimits.MAX_NUMBER_TEXT
                    + " characters, not " + text.length());
        }
        if (value instanceof Collection<?> list && type.isArray()) {
            throw new SandboxViolation("arrays cannot be made in a definition; use the list");
        }
        Object result = coerce && value != null ? InvokerHelper.invokeMethod(value, "asType", new Object[]{type})
                : DefaultTypeTransformation.castToType(value, type);
        return checked(result);
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class || type == long.class || type == double.class) {
            return Number.class;
        }
        return type;
    }

    private static Integer wholeInt(Number n) {
        if (n instanceof Integer i) {
            return i;
        }
        if (!isWhole(n)) {
            return null;
        }
        BigDecimal value = NumberMath.toBigDecimal(n);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static boolean isWhole(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short || n instanceof Byte) {
            return true;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d);
        }
        return n instanceof BigDecimal d && d.signum() == 0 || n instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isLetter(Object value) {
        return value instanceof Character || value instanceof CharSequence text && text.length() == 1;
    }

    /** A {@code case ~/…/:} value. Public: Groovy's switch calls its {@code isCase}. */
    public static final class RegexCase {
        private final Pattern pattern;

        RegexCase(Pattern pattern) {
            this.pattern = pattern;
        }

        public boolean isCase(Object value) {
            return SandboxRegex.isCase(pattern, value);
        }
    }

    static boolean isData(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Map<?, ?> || value instanceof Map.Entry<?, ?>
                || value instanceof Collection<?> || value instanceof Object[] || value instanceof Matcher;
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
        if (values instanceof Collection<?> || values instanceof Object[]) {
            SandboxSizes.walk(values, "*.");
        }
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

    /** A definition tried to reach something outside the data it may read, or past a limit. */
    static final class SandboxViolation extends RuntimeException {
        private static final StackWalker FRAMES = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        /** The line of the definition being run when it was refused, 0 when not known. */
        private final int line;

        SandboxViolation(String message) {
            // No stack trace: recursion refused 500 calls deep would copy the deep stack at every level it passes.
            super(message, null, false, false);
            line = FRAMES.walk(frames -> frames
                    .filter(f -> f.getDeclaringClass().getClassLoader() instanceof groovy.lang.GroovyClassLoader.InnerLoader)
                    .findFirst()
                    .map(StackWalker.StackFrame::getLineNumber)
                    .orElse(0));
        }

        int line() {
            return line;
        }
    }
}
