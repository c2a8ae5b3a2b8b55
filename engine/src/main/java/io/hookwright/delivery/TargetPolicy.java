package io.hookwright.delivery;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a webhook may reach. A webhook's URL is written by whoever edits definitions, and filled in from event
 * data, so without a guard it could reach the engine's own network: loopback, private, link-local (cloud metadata),
 * multicast and unspecified addresses are refused unless allow-listed, and with {@code requireHttps} plain http is
 * refused. The host is resolved and every address it resolves to is checked.
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

    private final List<Allowed> allowed;
    private final boolean requireHttps;
    private final Resolver resolver;

    public TargetPolicy(List<Allowed> allowed, boolean requireHttps) {
        this(allowed, requireHttps, InetAddress::getAllByName);
    }

    public TargetPolicy(List<Allowed> allowed, boolean requireHttps, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.requireHttps = requireHttps;
        this.resolver = resolver;
    }

    /** A target the policy refuses; the message says why and how to allow it. */
    public static final class RefusedTarget extends RuntimeException {
        public RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    /** Checks a URL; returns it parsed, or throws {@link RefusedTarget}. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedTarget("'" + url + "' is not an http or https URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            throw new RefusedTarget(url + " is plain http, and https is required (--require-https)");
        }
        if (uri.getHost() == null) {
            throw new RefusedTarget("'" + url + "' has no host");
        }
        String host = normalHost(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
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
                    + "pass --allow-target " + host + ":" + port);
        }
        return uri;
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
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "private (carrier-grade NAT)";
            }
            if (first == 0) {
                return "unspecified";
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            if (isMappedV4(b)) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return "unspecified";
                }
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
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
