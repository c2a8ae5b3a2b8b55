package io.hookwright.dsl.load;

import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.syntax.Types;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns {@code field('Budget') > 10_000} into {@code field('Budget').gt(10_000)}: Groovy would otherwise call
 * {@code compareTo} and the DSL could not tell which comparison was written. A field on the right
 * ({@code 10_000 < field('Budget')}) is turned around.
 */
final class ComparisonRewriter extends ExpressionRewriter {
    private static final Map<Integer, String> WORDS = Map.of(
            Types.COMPARE_GREATER_THAN, "gt", Types.COMPARE_GREATER_THAN_EQUAL, "ge",
            Types.COMPARE_LESS_THAN, "lt", Types.COMPARE_LESS_THAN_EQUAL, "le",
            Types.COMPARE_EQUAL, "eq", Types.COMPARE_NOT_EQUAL, "ne");
    private static final Map<String, String> MIRRORED = Map.of(
            "gt", "lt", "ge", "le", "lt", "gt", "le", "ge", "eq", "eq", "ne", "ne");

    static String operator(BinaryExpression binary) {
        return WORDS.get(binary.getOperation().getType());
    }

    static boolean isField(Expression expression) {
        return expression instanceof MethodCallExpression call && call.isImplicitThis()
                && "field".equals(call.getMethodAsString());
    }

    @Override
    Expression rewrite(Expression expression, UnaryOperator<Expression> rewrite) {
        if (!(expression instanceof BinaryExpression binary) || operator(binary) == null) {
            return null;
        }
        String word = operator(binary);
        Expression left = rewrite.apply(binary.getLeftExpression());
        Expression right = rewrite.apply(binary.getRightExpression());
        if (isField(left)) {
            return call(left, word, right, binary);
        }
        if (isField(right)) {
            return call(right, MIRRORED.get(word), left, binary);
        }
        return null;
    }

    private static Expression call(Expression field, String word, Expression value, BinaryExpression at) {
        MethodCallExpression call = new MethodCallExpression(field, word, new ArgumentListExpression(value));
        call.setSourcePosition(at);
        return call;
    }
}
