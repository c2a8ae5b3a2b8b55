package io.hookwright.dsl.write;

import java.util.List;

/**
 * The file has no {@code webhook('code') { … }} block of this code at its top level; {@code codes} are those it
 * has. A webhook the loader found in the file but that is not among them is made by code (its code is not written
 * as one text, or its block sits inside other code) and cannot be edited in place.
 */
public record UnknownCode(String code, List<String> codes) implements Lookup, Edit {
    public UnknownCode {
        codes = List.copyOf(codes);
    }

    public String message() {
        return "no webhook('" + code + "') { … } block in this file" + (codes.isEmpty() ? ""
                : "; it has " + String.join(", ", codes));
    }
}
