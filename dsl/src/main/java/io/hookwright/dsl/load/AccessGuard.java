package io.hookwright.dsl.load;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BitwiseNegationExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NotExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Routes every property read ({@code a.b}, {@code a?.b}, {@code a*.b}), subscript ({@code a[b]}), method call on a
 * value ({@code a.m(…)}) and regex operator ({@code =~}, {@code ==~}) of a definition through {@link SandboxRuntime},
 * which checks the receiver's runtime type; and every operator whose work one call could make unbounded (arithmetic,
 * ranges, text with values, {@code ~}, {@code in}, {@code case}, {@code as}, {@code ++}), which it bounds. DSL words
 * (calls without a receiver) are left to their block's context object. Runs after {@link SandboxVerifier} has accepted
 * the file and after {@link ComparisonRewriter}.
 */
final class AccessGuard extends ExpressionRewriter {
    private static final ClassNode RUNTIME = ClassHelper.make(SandboxRuntime.class);

    /** Groovy's method names for the arithmetic operators, which {@link BoundedArithmetic} bounds. */
    private static final Map<Integer, String> ARITHMETIC = Map.of(
            Types.PLUS, "plus", Types.MINUS, "minus", Types.MULTIPLY, "multiply", Types.DIVIDE, "div",
            Types.INTDIV, "intdiv", Types.MOD, "mod", Types.POWER, "power");
    private static final Map<Integer, String> ARITHMETIC_ASSIGNMENT = Map.of(
            Types.PLUS_EQUAL, "plus", Types.MINUS_EQUAL, "minus", Types.MULTIPLY_EQUAL, "multiply",
            Types.DIVIDE_EQUAL, "div", Types.INTDIV_EQUAL, "intdiv", Types.MOD_EQUAL, "mod", Types.POWER_EQUAL, "power");

    @Override
    Expression rewriteCase(Expression value) {
        return guard("caseValue", value, value);
    }

    @Override
    Expression rewrite(Expression expression, UnaryOperator<Expression> rewrite) {
        Expression bounded = bounded(expression, rewrite);
        if (bounded != null) {
            return bounded;
        }
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

    /**
     * Operators and literals whose work Groovy would do in one uninterruptible call: arithmetic, ranges, text with
     * values in it, patterns, {@code in}, {@code as}, {@code ++} and {@code --}.
     */
    private static Expression bounded(Expression expression, UnaryOperator<Expression> rewrite) {
        if (expression instanceof BinaryExpression binary) {
            int type = binary.getOperation().getType();
            Expression left = binary.getLeftExpression();
            if (ARITHMETIC.containsKey(type)) {
                return guard("arithmetic", binary, new ConstantExpression(ARITHMETIC.get(type)),
                        rewrite.apply(left), rewrite.apply(binary.getRightExpression()));
            }
            if (ARITHMETIC_ASSIGNMENT.containsKey(type) && left instanceof VariableExpression) {
                return assign(left, guard("arithmetic", binary, new ConstantExpression(ARITHMETIC_ASSIGNMENT.get(type)),
                        left, rewrite.apply(binary.getRightExpression())), binary);
            }
            if (type == Types.KEYWORD_IN || type == Types.COMPARE_NOT_IN) {
                Expression in = guard("isIn", binary, rewrite.apply(left), rewrite.apply(binary.getRightExpression()));
                return type == Types.KEYWORD_IN ? in : new NotExpression(in);
            }
            return null;
        }
        if (expression instanceof ListExpression list && list.getLineNumber() > 0) {
            List<Expression> elements = new ArrayList<>();
            list.getExpressions().forEach(e -> elements.add(rewrite.apply(e)));
            ListExpression copy = new ListExpression(elements);
            copy.setSourcePosition(list);
            return guard("literal", list, copy);
        }
        if (expression instanceof MapExpression map && map.getLineNumber() > 0
                && !(map instanceof org.codehaus.groovy.ast.expr.NamedArgumentListExpression)) {
            MapExpression copy = new MapExpression();
            map.getMapEntryExpressions().forEach(e -> copy.addMapEntryExpression(
                    rewrite.apply(e.getKeyExpression()), rewrite.apply(e.getValueExpression())));
            copy.setSourcePosition(map);
            return guard("literal", map, copy);
        }
        if (expression instanceof RangeExpression range) {
            return guard("range", range, rewrite.apply(range.getFrom()), rewrite.apply(range.getTo()),
                    flag(range.isExclusiveLeft()), flag(range.isExclusiveRight()));
        }
        if (expression instanceof GStringExpression text) {
            List<Expression> values = new ArrayList<>();
            text.getValues().forEach(v -> values.add(rewrite.apply(v)));
            return guard("text", text, new ListExpression(values), new ListExpression(new ArrayList<>(text.getStrings())));
        }
        if (expression instanceof BitwiseNegationExpression negation) {
            return guard("negate", negation, rewrite.apply(negation.getExpression()));
        }
        if (expression instanceof CastExpression cast && cast.getLineNumber() > 0) {
            return guard("cast", cast, rewrite.apply(cast.getExpression()), new ClassExpression(cast.getType()),
                    flag(cast.isCoerce()));
        }
        if (expression instanceof PrefixExpression prefix && prefix.getExpression() instanceof VariableExpression variable) {
            return assign(variable, step(prefix.getOperation(), variable, prefix), prefix);
        }
        if (expression instanceof PostfixExpression postfix && postfix.getExpression() instanceof VariableExpression variable) {
            // the old value, then the variable stepped: arguments are evaluated in order
            return guard("postfix", postfix, variable, assign(variable, step(postfix.getOperation(), variable, postfix), postfix));
        }
        return null;
    }

    private static Expression step(Token operation, VariableExpression variable, Expression at) {
        return guard(operation.getType() == Types.PLUS_PLUS ? "next" : "previous", at, variable);
    }

    private static Expression assign(Expression variable, Expression value, Expression at) {
        BinaryExpression assignment = new BinaryExpression(variable,
                Token.newSymbol(Types.ASSIGN, at.getLineNumber(), at.getColumnNumber()), value);
        assignment.setSourcePosition(at);
        return assignment;
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
