package io.hookwright.dsl.load;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

import java.util.Map;

/**
 * Turns {@code field('Budget') > 10_000} into {@code field('Budget').gt(10_000)}: Groovy would otherwise call
 * {@code compareTo} and the DSL could not tell which comparison was written. A field on the right
 * ({@code 10_000 < field('Budget')}) is turned around.
 */
final class ComparisonRewriter extends CompilationCustomizer {
    private static final Map<Integer, String> WORDS = Map.of(
            Types.COMPARE_GREATER_THAN, "gt", Types.COMPARE_GREATER_THAN_EQUAL, "ge",
            Types.COMPARE_LESS_THAN, "lt", Types.COMPARE_LESS_THAN_EQUAL, "le",
            Types.COMPARE_EQUAL, "eq", Types.COMPARE_NOT_EQUAL, "ne");
    private static final Map<String, String> MIRRORED = Map.of(
            "gt", "lt", "ge", "le", "lt", "gt", "le", "ge", "eq", "eq", "ne", "ne");

    ComparisonRewriter() {
        super(CompilePhase.CANONICALIZATION);
    }

    static String operator(BinaryExpression binary) {
        return WORDS.get(binary.getOperation().getType());
    }

    static boolean isField(Expression expression) {
        return expression instanceof MethodCallExpression call && call.isImplicitThis()
                && "field".equals(call.getMethodAsString());
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeExpressionTransformer() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public Expression transform(Expression expression) {
                if (expression instanceof ClosureExpression closure) {
                    closure.getCode().visit(this);
                    return closure;
                }
                if (expression instanceof BinaryExpression binary) {
                    String word = operator(binary);
                    Expression left = transform(binary.getLeftExpression());
                    Expression right = transform(binary.getRightExpression());
                    if (word != null && isField(left)) {
                        return call(left, word, right, binary);
                    }
                    if (word != null && isField(right)) {
                        return call(right, MIRRORED.get(word), left, binary);
                    }
                }
                return super.transform(expression);
            }

            private Expression call(Expression field, String word, Expression value, BinaryExpression at) {
                MethodCallExpression call = new MethodCallExpression(field, word, new ArgumentListExpression(value));
                call.setSourcePosition(at);
                return call;
            }
        }.visitClass(classNode);
    }
}
