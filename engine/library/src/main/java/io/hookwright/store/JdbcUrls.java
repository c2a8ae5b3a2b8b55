package io.hookwright.store;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: a password given in the URL never reaches a log or an error message. */
public final class JdbcUrls {
    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z]+://[^/:@]+):[^/@]*@");

    private JdbcUrls() {
    }

    public static String masked(String url) {
        String noParameter = PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(noParameter).replaceFirst("$1:***@");
    }
}
