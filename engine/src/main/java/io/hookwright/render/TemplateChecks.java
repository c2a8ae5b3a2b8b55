package io.hookwright.render;

import freemarker.core.TemplateElement;
import freemarker.core.TemplateObject;

import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
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
