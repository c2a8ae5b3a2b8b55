package io.hookwright.authoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How pushing a commit to the remote {@code serve --push} names went: {@code error} is null when the remote took it.
 * A push that fails leaves the commit where it was made.
 */
public record Pushed(String remote, String ref, String error) {
    public boolean ok() {
        return error == null;
    }

    /** {@code {remote, ref, pushed}}, with {@code error} when it failed. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("remote", remote);
        json.put("ref", ref);
        json.put("pushed", ok());
        if (!ok()) {
            json.put("error", error + "; the commit stays, push it by hand");
        }
        return json;
    }
}
