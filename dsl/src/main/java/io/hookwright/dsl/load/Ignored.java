package io.hookwright.dsl.load;

/**
 * What an unknown DSL word gives back once its error is recorded, so that a file with such a mistake still runs to
 * its end and every other mistake is found: anything done with it ({@code feild('x') > 1},
 * {@code chnaged('x').from('a')}) gives it back again and does nothing.
 */
final class Ignored implements Comparable<Object> {
    static final Ignored INSTANCE = new Ignored();

    private Ignored() {
    }

    @Override
    public int compareTo(Object other) {
        return 0;
    }

    @Override
    public String toString() {
        return "";
    }
}
