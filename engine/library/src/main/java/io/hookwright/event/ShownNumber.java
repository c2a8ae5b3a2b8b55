package io.hookwright.event;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers written for people, at a cost that does not grow with the number: {@code 5000} and {@code 0.25} as
 * written, {@code 1e999999999} as {@code 1E+999999999} rather than a billion digits, and a number of a million
 * digits (which only the Java API can hand over) by its leading digits.
 */
final class ShownNumber {
    /** The longest number written out in full; past it, scientific notation. */
    static final int MAX_PLAIN_LENGTH = 40;
    /** Significant digits kept in scientific notation; the rest are cut, marked with an ellipsis. */
    static final int SHOWN_DIGITS = 17;
    /**
     * Past this many digits (JSON input stops at 1,000) the digits are not read at all: the number is shown from its
     * leading bits, as an approximation, since printing or trimming it would cost time that grows with its size.
     */
    static final int MAX_EXACT_DIGITS = 1_000;
    private static final double LOG10_2 = Math.log10(2);

    private ShownNumber() {
    }

    static String of(BigDecimal number) {
        BigInteger unscaled = number.unscaledValue();
        if (unscaled.bitLength() * LOG10_2 > MAX_EXACT_DIGITS + 1) {
            return approximate(number);
        }
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        long precision = stripped.precision();
        long scale = stripped.scale();
        long plainLength = scale <= 0 ? precision - scale : Math.max(precision, scale + 1) + 1;
        if (plainLength <= MAX_PLAIN_LENGTH) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        long exponent = precision - 1 - scale;
        return scientific(stripped.signum() < 0, digits, exponent, false);
    }

    static String of(BigInteger number) {
        return of(new BigDecimal(number));
    }

    /**
     * From the top 63 bits of the unscaled value, at the cost of a shift: the logarithm of a number of millions of
     * digits keeps about ten of them in a double, so ten are shown.
     */
    private static String approximate(BigDecimal number) {
        BigInteger magnitude = number.unscaledValue().abs();
        int drop = magnitude.bitLength() - 63;
        double top = magnitude.shiftRight(drop).doubleValue();
        double log10 = Math.log10(top) + drop * LOG10_2;
        long whole = (long) Math.floor(log10);
        String digits = String.format(java.util.Locale.ROOT, "%.9f", Math.pow(10, log10 - whole)).replace(".", "");
        if (digits.startsWith("10")) {
            digits = "1" + digits.substring(2);
            whole++;
        }
        return scientific(number.signum() < 0, digits, whole - number.scale(), true);
    }

    private static String scientific(boolean negative, String digits, long exponent, boolean approximate) {
        StringBuilder text = new StringBuilder();
        if (approximate) {
            text.append('~');
        }
        if (negative) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        String rest = digits.substring(1, Math.min(digits.length(), SHOWN_DIGITS)).replaceAll("0+$", "");
        if (!rest.isEmpty()) {
            text.append('.').append(rest);
        }
        if (approximate || digits.length() > SHOWN_DIGITS) {
            text.append('…');
        }
        return text.append('E').append(exponent >= 0 ? "+" : "").append(exponent).toString();
    }
}
