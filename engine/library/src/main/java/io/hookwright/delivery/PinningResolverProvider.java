package io.hookwright.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Makes a connection go to the address its target was vetted at ({@link PinnedAddresses}). java.net.http looks the
 * host up again when it connects and has no setting for where to connect, and sending to the IP instead would lose
 * the Host header (restricted in java.net.http) and the certificate's name check. The JDK's resolver SPI (JDK 18+,
 * registered in {@code META-INF/services}) is its own way to answer look-ups: this resolver answers a host that has
 * a pin with the pinned addresses and hands every other look-up, unchanged, to the resolver the JVM would have used
 * otherwise (another provider on the class path when there is one, else the built-in resolver), so look-ups of an
 * embedding host (and of the engine, outside a send) are not affected.
 */
public final class PinningResolverProvider extends InetAddressResolverProvider {
    private static volatile boolean active;

    /** Whether the JDK uses this resolver (it does unless another provider was found first). */
    public static boolean active() {
        return active;
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = otherProvider().map(p -> p.get(configuration))
                .orElse(configuration.builtinResolver());
        active = true;
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Optional<Stream<InetAddress>> pinned = PinnedAddresses.lookup(host, policy);
                if (pinned.isEmpty()) {
                    return builtin.lookupByName(host, policy);
                }
                List<InetAddress> addresses = pinned.get().toList();
                if (addresses.isEmpty()) {
                    throw new UnknownHostException(host + ": no vetted address of the kind asked for");
                }
                return addresses.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    /** A provider of the embedding host's own, which the JDK might have found first instead of this one. */
    private static Optional<InetAddressResolverProvider> otherProvider() {
        return ServiceLoader.load(InetAddressResolverProvider.class).stream()
                .filter(p -> p.type() != PinningResolverProvider.class)
                .map(ServiceLoader.Provider::get)
                .findFirst();
    }

    @Override
    public String name() {
        return "hookwright-pinned-targets";
    }
}
