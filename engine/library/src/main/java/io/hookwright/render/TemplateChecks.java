package io.hookwright.render;

import freemarker.core.TemplateElement;
import freemarker.core.TemplateObject;

import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed template for what would escape the render limits, since FreeMarker offers no hook into its
 * built-ins: text run as template code ({@code ?interpret}, {@code ?eval}: FreeMarker adds no interruption checks
 * to it, and it would run event data as code), ranges anywhere but a {@code <#list>} or a slice (a built-in such as
 * {@code ?join} or {@code ?seq_contains} walks a range of two billion numbers with no check), pad widths that are
 * not a number written in the template up to the body limit, and nesting deeper than {@link #MAX_DEPTH}.
 *
 * <p>FreeMarker's tree exposes an element's children publicly but an expression's operands only through
 * package-private methods, hence the reflection.
 */
final class TemplateChecks {
    /** How deeply directives and expressions may nest; hand-written templates stay far below. */
    static final int MAX_DEPTH = 200;
    private static final Set<String> CODE_FROM_TEXT = Set.of("Interpret", "evalBI");
    /**
     * Built-ins whose listed arguments must be text written in the template: each is one Java call that no
     * interruption reaches, so an argument from event data could make it build text of any size
     * ({@code t?replace("x", t)}, {@code s?split("")?join(s)}) or run a regular expression ({@code 'r'} flags).
     * The value is the first argument that must be literal, counting from 0; every later one must be too.
     */
    private static final Map<String, Integer> LITERAL_ARGUMENTS = Map.of(
            "replace", 1, "join", 0, "split", 1, "keep_after", 1, "keep_after_last", 1, "keep_before", 1,
            "keep_before_last", 1, "ensure_starts_with", 1, "ensure_ends_with", 0);
    /** Flags that make a built-in read its argument as a regular expression, which would run without a time limit. */
    private static final String REGEX_FLAG = "r";
    private static final Method PARAMETER_COUNT = accessible("getParameterCount");
    private static final Method PARAMETER_VALUE = accessible("getParameterValue", int.class);

    private TemplateChecks() {
    }

    /** A part of the template that is refused, and why. */
    record Refusal(int line, int column, String message) {
    }

    /** The first refused part of the template, or null. */
    static Refusal check(freemarker.template.Template template) {
        record Node(Object node, Object parent, int depth) {
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(new Node(template.getRootTreeNode(), null, 0));
        while (!pending.isEmpty()) {
            Node next = pending.pop();
            if (!(next.node() instanceof TemplateObject node)) {
                continue;
            }
            Refusal refusal = refusal(node, next.parent(), next.depth());
            if (refusal != null) {
                return refusal;
            }
            if (node instanceof TemplateElement element) {
                for (int i = element.getChildCount() - 1; i >= 0; i--) {
                    pending.push(new Node(element.getChildAt(i), node, next.depth() + 1));
                }
            }
            for (int i = parameterCount(node) - 1; i >= 0; i--) {
                pending.push(new Node(parameter(node, i), node, next.depth() + 1));
            }
        }
        return null;
    }

    private static Refusal refusal(TemplateObject node, Object parent, int depth) {
        String kind = node.getClass().getSimpleName();
        if (depth > MAX_DEPTH) {
            return at(node, "nests more than " + MAX_DEPTH + " levels deep");
        }
        if (CODE_FROM_TEXT.contains(kind)) {
            return at(node, "?" + parameter(node, 1) + " is not available: it runs text as template code");
        }
        if (kind.equals("Range") && !(parent != null && (isList(parent, node) || isSlice(parent, node)))) {
            return at(node, "a range (" + node.getCanonicalForm() + ") can only be listed (<#list a..b as i>) or "
                    + "used to slice (x[a..b])");
        }
        String builtIn = builtInName(node);
        if ("matches".equals(builtIn)) {
            return at(node, "?matches is not available: its regular expression would run without a time limit; "
                    + "use matches(text, 'regex'), which has one");
        }
        if (builtIn != null && LITERAL_ARGUMENTS.containsKey(builtIn)) {
            String problem = literalArguments(parent, node, LITERAL_ARGUMENTS.get(builtIn));
            if (problem != null) {
                return at(node, "?" + builtIn + " " + problem);
            }
        }
        if (kind.equals("padBI") && !literalWidth(parent, node)) {
            return at(node, "?" + parameter(node, 1) + " takes a width written as a number up to "
                    + RenderLimits.BODY_BYTES + ", the largest body a request may have");
        }
        return null;
    }

    /**
     * A pad is made in one piece, before any limit can see it, so its width is a number written in the template and
     * no larger than a body may be: {@code x?left_pad(10)}.
     */
    private static boolean literalWidth(Object parent, TemplateObject pad) {
        if (!(parent instanceof TemplateObject call) || !call.getClass().getSimpleName().equals("MethodCall")
                || parameter(call, 0) != pad || parameterCount(call) < 2
                || !(parameter(call, 1) instanceof TemplateObject width)
                || !width.getClass().getSimpleName().equals("NumberLiteral")) {
            return false;
        }
        try {
            return new BigDecimal(width.getCanonicalForm()).compareTo(BigDecimal.valueOf(RenderLimits.BODY_BYTES)) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Why the arguments of a built-in call from {@code first} on are not all plain text written in the template
     * (no {@code ${…}} inside) without the regex flag, or null when they are.
     */
    private static String literalArguments(Object parent, TemplateObject builtIn, int first) {
        if (!(parent instanceof TemplateObject call) || !call.getClass().getSimpleName().equals("MethodCall")
                || parameter(call, 0) != builtIn) {
            return "can only be called where it is written: x?join(\", \")";
        }
        for (int i = 1 + first; i < parameterCount(call); i++) {
            if (!(parameter(call, i) instanceof TemplateObject argument)
                    || !argument.getClass().getSimpleName().equals("StringLiteral")
                    || argument.getCanonicalForm().contains("${")) {
                return "takes text written in the template from its argument " + (i) + " on (it runs as one step "
                        + "that no limit can stop, so event data must not size it)";
            }
        }
        int flags = 1 + switch (builtInName(builtIn)) {
            case "replace", "ensure_starts_with" -> 2;
            case "split", "keep_after", "keep_after_last", "keep_before", "keep_before_last" -> 1;
            default -> Integer.MAX_VALUE - 1;
        };
        if (flags < parameterCount(call) && ((TemplateObject) parameter(call, flags)).getCanonicalForm()
                .contains(REGEX_FLAG)) {
            return "cannot take the 'r' flag: its regular expression would run without a time limit; "
                    + "use matches(text, 'regex') to test text";
        }
        return null;
    }

    /** The name of a built-in ({@code left_pad} of {@code x?left_pad(3)}), or null when the node is not one. */
    private static String builtInName(TemplateObject node) {
        for (Class<?> type = node.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("freemarker.core.BuiltIn")) {
                return String.valueOf(parameter(node, 1));
            }
        }
        return null;
    }

    /** A range is the sequence of {@code <#list>}, its first operand. */
    private static boolean isList(Object parent, TemplateObject range) {
        return parent.getClass().getSimpleName().equals("IteratorBlock") && parameter((TemplateObject) parent, 0) == range;
    }

    /** A range is the key of {@code x[a..b]}. */
    private static boolean isSlice(Object parent, TemplateObject range) {
        return parent.getClass().getSimpleName().equals("DynamicKeyName")
                && parameter((TemplateObject) parent, 1) == range;
    }

    private static Refusal at(TemplateObject node, String message) {
        return new Refusal(node.getBeginLine(), node.getBeginColumn(), message);
    }

    private static int parameterCount(TemplateObject node) {
        return (Integer) invoke(PARAMETER_COUNT, node);
    }

    private static Object parameter(TemplateObject node, int index) {
        return invoke(PARAMETER_VALUE, node, index);
    }

    private static Object invoke(Method method, TemplateObject node, Object... arguments) {
        try {
            return method.invoke(node, arguments);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read FreeMarker's template tree", e);
        }
    }

    private static Method accessible(String name, Class<?>... parameters) {
        try {
            Method method = TemplateObject.class.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("FreeMarker's template tree has no " + name, e);
        }
    }
}
