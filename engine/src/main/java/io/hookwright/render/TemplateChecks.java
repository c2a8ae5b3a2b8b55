package io.hookwright.render;

import freemarker.core.TemplateElement;
import freemarker.core.TemplateObject;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Checks a parsed template for what would escape the render limits, since FreeMarker offers no hook into its
 * built-ins: text run as template code ({@code ?interpret}, {@code ?eval}: FreeMarker adds no interruption checks
 * to it, and it would run event data as code), ranges anywhere but a {@code <#list>} or a slice (a built-in such as
 * {@code ?join} or {@code ?seq_contains} walks a range of two billion numbers with no check), literal pad widths
 * over the body limit, and nesting deeper than {@link #MAX_DEPTH}.
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
        if (kind.equals("MethodCall") && parameter(node, 0) instanceof TemplateObject target
                && target.getClass().getSimpleName().equals("padBI")) {
            for (int i = 1; i < parameterCount(node); i++) {
                if (parameter(node, i) instanceof TemplateObject width
                        && width.getClass().getSimpleName().equals("NumberLiteral")
                        && new java.math.BigDecimal(width.getCanonicalForm()).compareTo(
                        java.math.BigDecimal.valueOf(RenderLimits.BODY_BYTES)) > 0) {
                    return at(node, "?" + parameter(target, 1) + " pads to more than " + RenderLimits.BODY_BYTES
                            + " characters, the largest body a request may have");
                }
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
