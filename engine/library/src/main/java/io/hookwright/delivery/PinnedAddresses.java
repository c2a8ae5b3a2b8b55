package io.hookwright.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static java.net.spi.InetAddressResolver.LookupPolicy.IPV4;
import static java.net.spi.InetAddressResolver.LookupPolicy.IPV4_FIRST;
import static java.net.spi.InetAddressResolver.LookupPolicy.IPV6;
import static java.net.spi.InetAddressResolver.LookupPolicy.IPV6_FIRST;

/**
 * The addresses a host was vetted at by the {@link TargetPolicy}, held for the length of one send: while a host has
 * a pin, {@link PinningResolverProvider} answers its look-ups with these addresses and no others, so the connection
 * java.net.http makes goes where the check looked, whatever the name's DNS says a moment later. The JVM's own cache
 * of look-ups stands in front of every resolver; the target check looks up through it too, so while an answer is
 * cached both see the same one, and the pin covers an answer that runs out between the check and the connection.
 */
public final class PinnedAddresses {
    /** A host's pin: the addresses to answer, and how many sends hold it. */
    private record Pin(List<InetAddress> addresses, int holders) {
    }

    private static final Map<String, Pin> PINS = new ConcurrentHashMap<>();

    private PinnedAddresses() {
    }

    /** A pin held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Pins {@code host} to {@code addresses} until the returned pin is closed. Sends to one host at once share the
     * pin; each was vetted, so whichever addresses the latest one brought are answered.
     */
    public static Held pin(String host, List<InetAddress> addresses) {
        String key = key(host);
        List<InetAddress> copy = List.copyOf(addresses);
        PINS.compute(key, (k, pin) -> new Pin(copy, pin == null ? 1 : pin.holders() + 1));
        return () -> PINS.computeIfPresent(key, (k, pin) -> pin.holders() <= 1 ? null
                : new Pin(pin.addresses(), pin.holders() - 1));
    }

    /** The pinned addresses of {@code host} that {@code policy} asks for, in its order; empty when not pinned. */
    static Optional<Stream<InetAddress>> lookup(String host, LookupPolicy policy) {
        Pin pin = PINS.get(key(host));
        if (pin == null) {
            return Optional.empty();
        }
        int c = policy.characteristics();
        Stream<InetAddress> wanted = pin.addresses().stream()
                .filter(a -> (c & IPV4) != 0 || !(a instanceof Inet4Address))
                .filter(a -> (c & IPV6) != 0 || !(a instanceof Inet6Address));
        if ((c & IPV4_FIRST) != 0) {
            wanted = wanted.sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
        } else if ((c & IPV6_FIRST) != 0) {
            wanted = wanted.sorted(Comparator.comparing(a -> a instanceof Inet6Address ? 0 : 1));
        }
        return Optional.of(wanted);
    }

    private static String key(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        h = h.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
