package io.hookwright.dsl.load;

import groovy.lang.GString;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.NumberMath;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arithmetic operators of definition code ({@code + - * / % ** intdiv}, {@code ++}, {@code --}), with the size
 * of the result checked before it is computed: {@code 7 ** 60_000_000}, {@code 'x' * 1_000_000_000} or
 * {@code 1e999999999 + 1} would each be one long call that no time limit can cut short.
 */
final class BoundedArithmetic {
    private static final double BITS_PER_DIGIT = Math.log(10) / Math.log(2);

    private BoundedArithmetic() {
    }

    /** {@code left <operator> right}, where {@code operator} is Groovy's method name for it (plus, power…). */
    static Object apply(String operator, Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            checkNumber(a);
            checkNumber(b);
            checkResult(operator, a, b);
            return checked(switch (operator) {
                // Groovy's own number arithmetic, without a method lookup for every step of a loop
                case "plus" -> NumberMath.add(a, b);
                case "minus" -> NumberMath.subtract(a, b);
                case "multiply" -> NumberMath.multiply(a, b);
                default -> InvokerHelper.invokeMethod(a, operator, new Object[]{b});
            });
        }
        if (left instanceof GString || left instanceof String) {
            return text(operator, left.toString(), right);
        }
        if (left instanceof Collection<?> || left instanceof Map<?, ?>) {
            checkCollection(operator, left, right);
        }
        if (left instanceof Number number) {
            checkNumber(number);
        }
        return SandboxRuntime.checked(InvokerHelper.invokeMethod(left, operator, new Object[]{right}));
    }

    /** {@code ++value}. */
    static Object next(Object value) {
        return value instanceof Number ? apply("plus", value, 1) : InvokerHelper.invokeMethod(value, "next", null);
    }

    /** {@code --value}. */
    static Object previous(Object value) {
        return value instanceof Number ? apply("minus", value, 1) : InvokerHelper.invokeMethod(value, "previous", null);
    }

    private static Object text(String operator, String text, Object right) {
        switch (operator) {
            case "plus" -> {
                String other = BoundedText.of(right);
                BoundedText.check((long) text.length() + other.length(), "adding these texts");
                return text + other;
            }
            case "multiply" -> {
                if (right instanceof Number times) {
                    BoundedText.check(text.length() * Math.max(0L, times.longValue()), "repeating this text "
                            + times + " times");
                }
                return InvokerHelper.invokeMethod(text, operator, new Object[]{right});
            }
            case "minus" -> {
                if (right instanceof Pattern pattern) {
                    return SandboxRegex.matcher(text, pattern).replaceFirst("");
                }
                return InvokerHelper.invokeMethod(text, operator, new Object[]{right});
            }
            default -> {
                return InvokerHelper.invokeMethod(text, operator, new Object[]{right});
            }
        }
    }

    private static void checkCollection(String operator, Object left, Object right) {
        long size = SandboxRuntime.sizeOf(left);
        long other = right instanceof Collection<?> || right instanceof Map<?, ?> || right instanceof Object[]
                ? SandboxRuntime.sizeOf(right) : 1;
        long result = switch (operator) {
            case "plus" -> size + other;
            case "multiply" -> right instanceof Number n ? size * Math.max(0L, n.longValue()) : size;
            default -> size;
        };
        if (result > SandboxLimits.MAX_ELEMENTS) {
            throw new SandboxRuntime.SandboxViolation("this " + operator + " would make a list of " + result
                    + " elements, more than the " + SandboxLimits.MAX_ELEMENTS + " a definition may build");
        }
        if (operator.equals("minus") && size * other > SandboxLimits.MAX_PAIRS) {
            throw SandboxRuntime.tooMuchWork("minus", size, other);
        }
    }

    /** A number definition code may compute with: neither operand nor result beyond the limits. */
    static Object checked(Object result) {
        if (result instanceof Number number) {
            checkNumber(number);
        }
        return result;
    }

    static void checkNumber(Number number) {
        if (number instanceof BigInteger big && big.bitLength() > SandboxLimits.MAX_BITS) {
            throw tooLarge("a whole number of about " + digits(big.bitLength()) + " digits");
        }
        if (number instanceof BigDecimal decimal) {
            long bits = decimal.unscaledValue().bitLength();
            if (bits > SandboxLimits.MAX_BITS) {
                throw tooLarge("a number of about " + digits(bits) + " digits");
            }
            if (Math.abs((long) decimal.scale()) > SandboxLimits.MAX_SCALE) {
                throw tooLarge("the number " + named(decimal));
            }
        }
    }

    /** Refuses {@code a <operator> b} before computing it when its result would be too large. */
    private static void checkResult(String operator, Number a, Number b) {
        if (isFloating(a) || isFloating(b)) {
            return;
        }
        switch (operator) {
            case "multiply" -> {
                if (bits(a) + bits(b) > SandboxLimits.MAX_BITS || Math.abs((long) scale(a) + scale(b)) > SandboxLimits.MAX_SCALE) {
                    throw tooLarge("the product of " + named(a) + " and " + named(b));
                }
            }
            case "plus", "minus" -> {
                // both are rescaled to the larger scale: 1e10000 + 1e-10000 has 20,001 digits
                long scale = Math.max(scale(a), scale(b));
                long digits = Math.max(digits(bits(a)) + scale - scale(a), digits(bits(b)) + scale - scale(b));
                if (digits > 2L * SandboxLimits.MAX_DIGITS) {
                    throw tooLarge("the sum of " + named(a) + " and " + named(b));
                }
            }
            case "power" -> checkPower(a, b);
            default -> {
            }
        }
    }

    private static void checkPower(Number base, Number exponent) {
        if (!isWhole(exponent)) {
            return;
        }
        BigInteger e = exponent instanceof BigDecimal d ? d.toBigInteger() : new BigInteger(exponent.toString());
        if (e.signum() <= 0) {
            return;
        }
        if (base instanceof BigDecimal decimal) {
            double digits = e.doubleValue() * Math.max(1, digits(decimal.unscaledValue().bitLength()));
            double scale = e.doubleValue() * Math.abs(decimal.scale());
            if (decimal.signum() != 0 && !decimal.abs().equals(BigDecimal.ONE)
                    && (digits > SandboxLimits.MAX_DIGITS || scale > SandboxLimits.MAX_SCALE)) {
                throw tooLarge(named(base) + " ** " + named(exponent));
            }
            return;
        }
        BigInteger b = new BigInteger(base.toString()).abs();
        if (b.compareTo(BigInteger.ONE) <= 0) {
            return;
        }
        double log2 = b.bitLength() < 1000 ? Math.log(b.doubleValue()) / Math.log(2) : b.bitLength();
        if (e.doubleValue() * log2 > SandboxLimits.MAX_BITS) {
            throw tooLarge(named(base) + " ** " + named(exponent));
        }
    }

    private static boolean isFloating(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short
                || n instanceof Byte || n instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0;
    }

    private static long bits(Number n) {
        if (n instanceof BigInteger big) {
            return big.bitLength();
        }
        if (n instanceof BigDecimal decimal) {
            return decimal.unscaledValue().bitLength();
        }
        return 64;
    }

    private static long scale(Number n) {
        return n instanceof BigDecimal decimal ? decimal.scale() : 0;
    }

    private static long digits(long bits) {
        return (long) Math.ceil(bits / BITS_PER_DIGIT);
    }

    /** A number as a message shows it: its digits when short, else how many there are. */
    private static String named(Number n) {
        String text = n.toString();
        return text.length() <= 40 ? text : "a number of " + text.length() + " digits";
    }

    private static SandboxRuntime.SandboxViolation tooLarge(String what) {
        return new SandboxRuntime.SandboxViolation(what + " is too large: numbers in a definition have at most "
                + SandboxLimits.MAX_DIGITS + " digits and powers of ten up to " + SandboxLimits.MAX_SCALE);
    }
}
