package io.hookwright.delivery;

import io.hookwright.render.SecretRefs;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Which URLs a webhook may reach. A webhook's URL is written by whoever edits definitions, and filled in from event
 * data, so without a guard it could reach the engine's own network: loopback, private, link-local (cloud metadata),
 * multicast, unspecified, broadcast and reserved addresses are refused unless allow-listed (an IPv6 address that
 * carries an IPv4 one is checked as that IPv4 address too), and with {@code requireHttps} plain http is refused. The
 * host is resolved once and every address it resolves to is checked; the request then goes to those addresses only.
 */
public final class TargetPolicy {
    /** An {@code --allow-target}: {@code HOST}, {@code HOST:PORT}, or a CIDR block such as {@code 10.1.0.0/16}. */
    public record Allowed(String host, int port, byte[] network, int prefix) {
        public static Allowed parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            if (slash > 0) {
                try {
                    byte[] network = literal(t.substring(0, slash)).getAddress();
                    int prefix = Integer.parseInt(t.substring(slash + 1));
                    if (prefix < 0 || prefix > network.length * 8) {
                        throw new IllegalArgumentException("--allow-target " + text + ": the prefix must be 0 to "
                                + network.length * 8);
                    }
                    return new Allowed(null, -1, network, prefix);
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("--allow-target")) {
                        throw e;
                    }
                    throw new IllegalArgumentException("--allow-target " + text + " is not a CIDR block such as 10.0.0.0/8");
                }
            }
            int colon = t.lastIndexOf(':');
            if (colon > 0 && t.indexOf(':') == colon && t.substring(colon + 1).matches("\\d{1,5}")) {
                return new Allowed(normalHost(t.substring(0, colon)), Integer.parseInt(t.substring(colon + 1)), null, 0);
            }
            if (t.isEmpty()) {
                throw new IllegalArgumentException("--allow-target needs HOST, HOST:PORT or a CIDR block");
            }
            return new Allowed(normalHost(t), -1, null, 0);
        }

        boolean admits(String targetHost, int targetPort, InetAddress address) {
            if (network != null) {
                return inBlock(address.getAddress());
            }
            return host.equals(targetHost) && (port < 0 || port == targetPort);
        }

        private boolean inBlock(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    /** Resolves host names; tests give literal addresses, so nothing here needs a network. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * How long a URL that passed is taken as passed without a second look. Short next to the JVM's own cache of
     * look-ups (30 s unless set), which the check looks up through anyway.
     */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);
    /** How many URLs are kept passed at most. */
    static final int MOST_KEPT = 1_024;

    private final List<Allowed> allowed;
    private final boolean requireHttps;
    private final Resolver resolver;
    private final RecentlyVetted recent;

    public TargetPolicy(List<Allowed> allowed, boolean requireHttps) {
        this(allowed, requireHttps, InetAddress::getAllByName);
    }

    public TargetPolicy(List<Allowed> allowed, boolean requireHttps, Resolver resolver) {
        this(allowed, requireHttps, resolver, System::nanoTime);
    }

    /**
     * @param nanos the monotonic clock, in nanoseconds, that says how long a passed URL has been kept
     */
    TargetPolicy(List<Allowed> allowed, boolean requireHttps, Resolver resolver, LongSupplier nanos) {
        this.allowed = List.copyOf(allowed);
        this.requireHttps = requireHttps;
        this.resolver = resolver;
        this.recent = new RecentlyVetted(KEPT_FOR, nanos, MOST_KEPT);
    }

    /** A target the policy refuses; the message says why and how to allow it. */
    public static final class RefusedTarget extends RuntimeException {
        public RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A URL that passed: parsed, with its host and port, and the addresses it was checked at. The connection goes to
     * these addresses and no others ({@link PinnedAddresses}), so a name that answers differently a moment later
     * (DNS rebinding) cannot take the request elsewhere.
     */
    public record Vetted(URI uri, String host, int port, List<InetAddress> addresses) {
        public Vetted {
            addresses = List.copyOf(addresses);
        }

        /** Whether the host is a name (not an address written out), which the connection would look up again. */
        public boolean named() {
            return !isLiteral(host);
        }
    }

    /** Checks a URL; returns it parsed, or throws {@link RefusedTarget}. */
    public URI check(String url) {
        return vet(url).uri();
    }

    /**
     * Checks a URL as rendered, with secret references ({@link SecretRefs}) in place of values: secrets may stand in
     * the path, query, fragment or user info, never in the scheme, host or port, so what is checked here is what is
     * sent. Every message shows the URL with its secrets masked.
     */
    public Vetted vet(String url) {
        Vetted kept = recent.get(url);
        if (kept != null) {
            return kept;
        }
        Vetted vetted = vetNow(url);
        recent.put(url, vetted);
        return vetted;
    }

    private Vetted vetNow(String url) {
        String shown = SecretRefs.mask(url);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // Without the index: it counts in the form with references, not in the masked one shown.
            throw new RefusedTarget("'" + shown + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SecretRefs.names(scheme).isEmpty() || !SecretRefs.names(hostAndPort(uri)).isEmpty()) {
            throw new RefusedTarget("'" + shown + "': a secret can stand in a URL's path, query or user info, but "
                    + "not in its scheme, host or port, which are checked before anything is sent");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedTarget("'" + shown + "' is not an http or https URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            throw new RefusedTarget(shown + " is plain http, and https is required (--require-https)");
        }
        if (uri.getHost() == null) {
            throw new RefusedTarget("'" + shown + "' has no host");
        }
        String host;
        try {
            host = normalHost(uri.getHost());
        } catch (IllegalArgumentException e) {
            throw new RefusedTarget("'" + shown + "' has a host that is not a valid name");
        }
        if (looksNumeric(host) && !isLiteral(host)) {
            throw new RefusedTarget("host " + host + " is an IPv4 address written in a short, octal, hexadecimal or "
                    + "zero-padded form, which resolvers read differently; write it as four decimal numbers a.b.c.d");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        List<String> refused = new ArrayList<>();
        for (InetAddress address : addresses) {
            String kind = internal(address);
            if (kind != null && allowed.stream().noneMatch(a -> a.admits(host, port, address))) {
                refused.add(address.getHostAddress() + " (" + kind + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new RefusedTarget(host + " resolves to " + String.join(", ", refused) + ": refused; to allow it, "
                    + "pass --allow-target " + (host.contains(":") ? host + "/128" : host + ":" + port));
        }
        return new Vetted(uri, host, port, List.of(addresses));
    }

    /** The authority without its user info: where the connection goes. */
    private static String hostAndPort(URI uri) {
        String authority = uri.getRawAuthority();
        return authority == null ? "" : authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? internalV4(b) : internalV6(b);
    }

    /** IPv4 blocks that are not on the public internet (RFC 6890), the JDK's own checks included. */
    private static String internalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        if (first == 0) {
            return "unspecified";
        }
        if (first == 127) {
            return "loopback";
        }
        if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168) {
            return "private";
        }
        if (first == 169 && second == 254) {
            return "link-local";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "private (carrier-grade NAT)";
        }
        if (first == 192 && second == 0 && third == 0) {
            return "reserved (IETF protocol assignments)";
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return "reserved (benchmarking)";
        }
        if (first >= 224 && first < 240) {
            return "multicast";
        }
        if (first >= 240) {
            return first == 255 && second == 255 && third == 255 && (b[3] & 0xff) == 255 ? "broadcast" : "reserved";
        }
        return null;
    }

    /**
     * IPv6 blocks the JDK does not name, and those that carry an IPv4 address (compatible, mapped, translated, NAT64,
     * 6to4, Teredo): a gateway on the way turns them into that IPv4 address, so it is checked as well.
     */
    private static String internalV6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return "private (unique local)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "private (site-local)";
        }
        if (zero(b, 0, 12)) {
            return embedded(b, 12, "IPv4-compatible");
        }
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && zero(b, 10, 12)) {
            return embedded(b, 12, "IPv4-translated");
        }
        if (starts(b, 0x00, 0x64, 0xff, 0x9b) && zero(b, 4, 12)) {
            return embedded(b, 12, "NAT64");
        }
        if (starts(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return "private (local-use NAT64)";
        }
        if (starts(b, 0x01, 0x00) && zero(b, 2, 8)) {
            return "reserved (discard-only)";
        }
        if (starts(b, 0x20, 0x02)) {
            return embedded(b, 2, "6to4");
        }
        if (starts(b, 0x20, 0x01, 0x00, 0x00)) {
            String server = embedded(b, 4, "Teredo server");
            if (server != null) {
                return server;
            }
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            String kind = internalV4(client);
            return kind == null ? null : kind + ", as Teredo client " + dotted(client);
        }
        return null;
    }

    /** The kind of the IPv4 address at {@code b[from..from+4)}, carried as {@code how}; null when it is public. */
    private static String embedded(byte[] b, int from, String how) {
        byte[] v4 = Arrays.copyOfRange(b, from, from + 4);
        String kind = internalV4(v4);
        return kind == null ? null : kind + ", as " + how + " " + dotted(v4);
    }

    private static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean starts(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A host whose last label is a number: URL parsers read it as an IPv4 address, in one of several forms. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?i)(.*\\.)?(\\d+|0x[0-9a-f]*)\\.?");

    private static boolean looksNumeric(String host) {
        return NUMERIC_LAST_LABEL.matcher(host).matches();
    }

    /**
     * Whether {@code host} is an address written out: a dotted quad of decimal numbers (0 to 255, no leading zero),
     * or IPv6. Read without a pattern: every send asks.
     */
    private static boolean isLiteral(String host) {
        if (host.contains(":")) {
            return true;
        }
        int parts = 0;
        int from = 0;
        while (from <= host.length()) {
            int dot = host.indexOf('.', from);
            int end = dot < 0 ? host.length() : dot;
            if (!isOctet(host, from, end) || ++parts > 4) {
                return false;
            }
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        return parts == 4;
    }

    private static boolean isOctet(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 3 || length > 1 && text.charAt(from) == '0') {
            return false;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + c - '0';
        }
        return value <= 255;
    }

    /** An IP address written out; never a name, so never a DNS look-up. */
    public static InetAddress literal(String text) {
        boolean v4 = text.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    private static String normalHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return IDN.toASCII(h).toLowerCase(Locale.ROOT);
    }
}
