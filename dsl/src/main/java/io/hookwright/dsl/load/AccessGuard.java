package io.hookwright.dsl.load;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.syntax.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Routes every property read ({@code a.b}, {@code a?.b}, {@code a*.b}), subscript ({@code a[b]}), method call on a
 * value ({@code a.m(…)}) and regex operator ({@code =~}, {@code ==~}) of a definition through {@link SandboxRuntime},
 * which checks the receiver's runtime type. DSL words (calls without a receiver) are left to their block's
 * context object. Runs after {@link SandboxVerifier} has accepted the file and after {@link ComparisonRewriter}.
 */
final class AccessGuard extends ExpressionRewriter {
    private static final ClassNode RUNTIME = ClassHelper.make(SandboxRuntime.class);

    @Override
    Expression rewrite(Expression expression, UnaryOperator<Expression> rewrite) {
        if (expression instanceof PropertyExpression property && !(property instanceof AttributeExpression)) {
            return guard("property", property, rewrite.apply(property.getObjectExpression()),
                    property.getProperty(), flag(property.isSafe()), flag(property.isSpreadSafe()));
        }
        if (expression instanceof BinaryExpression binary) {
            String method = switch (binary.getOperation().getType()) {
                case Types.LEFT_SQUARE_BRACKET -> "index";
                case Types.FIND_REGEX -> "find";
                case Types.MATCH_REGEX -> "match";
                default -> null;
            };
            if (method != null) {
                Expression left = rewrite.apply(binary.getLeftExpression());
                Expression right = rewrite.apply(binary.getRightExpression());
                return method.equals("index") ? guard(method, binary, left, right, flag(binary.isSafe()))
                        : guard(method, binary, left, right);
            }
        }
        // Calls with a method target are the compiler's own (ThreadInterrupt's checks), not the user's.
        if (expression instanceof MethodCallExpression call && !call.isImplicitThis()
                && call.getMethodTarget() == null) {
            return guard("call", call, rewrite.apply(call.getObjectExpression()), call.getMethod(),
                    flag(call.isSafe()), flag(call.isSpreadSafe()), arguments(call.getArguments(), rewrite));
        }
        return null;
    }

    private static Expression arguments(Expression arguments, UnaryOperator<Expression> rewrite) {
        List<Expression> all = new ArrayList<>();
        if (arguments instanceof TupleExpression tuple) {
            tuple.getExpressions().forEach(e -> all.add(rewrite.apply(e)));
        } else {
            all.add(rewrite.apply(arguments));
        }
        ListExpression list = new ListExpression(all);
        list.setSourcePosition(arguments);
        return list;
    }

    private static Expression flag(boolean value) {
        return new ConstantExpression(value);
    }

    private static Expression guard(String method, Expression at, Expression... arguments) {
        StaticMethodCallExpression call = new StaticMethodCallExpression(RUNTIME, method,
                new ArgumentListExpression(arguments));
        call.setSourcePosition(at);
        return call;
    }
}
