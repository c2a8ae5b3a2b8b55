package io.hookwright.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.hookwright.server.auth.AuthFilter;
import io.hookwright.server.auth.CsrfFilter;
import io.hookwright.server.auth.OperatorLog;
import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.PageOrigin;
import io.hookwright.server.auth.Sessions;
import io.hookwright.server.auth.Tokens;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The engine's HTTP face: Jersey on the JDK's HTTP server, each request on a virtual thread. Endpoints get the
 * {@link ServerContext} injected; every endpoint but {@code /health} needs a token with the right scope.
 */
public final class HookwrightServer implements AutoCloseable {
    /**
     * Connections the system holds for the server before it accepts them. The JDK's default of 50 overflowed under
     * a few hundred new connections a second, and the overflow was reset; the system caps it at its own
     * {@code somaxconn}.
     */
    static final int BACKLOG = 1024;

    private final HttpServer http;
    private final JdkHttpHandlerContainer jersey;
    private final Sessions sessions;

    private HookwrightServer(HttpServer http, JdkHttpHandlerContainer jersey, Sessions sessions) {
        this.http = http;
        this.jersey = jersey;
        this.sessions = sessions;
    }

    /**
     * @param resources the endpoint classes to serve
     * @param services  objects endpoints get injected, each by its own class
     * @param fatal     where a fatal error in a request is recorded; once there is one, requests but {@code /health}
     *                  are answered 503
     */
    public static HookwrightServer start(String host, int port, ServerContext context, Tokens tokens,
                                         List<Class<?>> resources, List<Object> services, FatalErrors fatal) {
        return start(host, port, null, context, tokens, resources, services, fatal);
    }

    /**
     * {@link #start(String, int, ServerContext, Tokens, List, List, FatalErrors)} over https with {@code tls}; null
     * serves plain http.
     */
    public static HookwrightServer start(String host, int port, SSLContext tls, ServerContext context, Tokens tokens,
                                         List<Class<?>> resources, List<Object> services, FatalErrors fatal) {
        ResourceConfig config = new ResourceConfig();
        resources.forEach(config::register);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new JsonMapperResolver());
        Sessions sessions = new Sessions(context.clock());
        LoginForms loginForms = new LoginForms(context.clock());
        config.register(new AuthFilter(tokens, sessions));
        config.register(new CsrfFilter(loginForms, context.pageOrigin()));
        config.register(new BodyLimitFilter(context.maxBodyBytes()));
        config.register(new OperatorLog());
        config.register(new ProblemMappers.WebApplication());
        config.register(new ProblemMappers.BadJson());
        config.register(new ProblemMappers.BadEvent());
        config.register(new ProblemMappers.BadArgument());
        config.register(new ProblemMappers.RenderFailed());
        config.register(new ProblemMappers.Unexpected(fatal));
        config.register(new StoppingGate(fatal));
        config.register(new RelativeLocations());
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(context).to(ServerContext.class);
                bind(tokens).to(Tokens.class);
                bind(sessions).to(Sessions.class);
                bind(loginForms).to(LoginForms.class);
                bind(context.pageOrigin()).to(PageOrigin.class);
                services.forEach(this::bindOwnClass);
            }

            @SuppressWarnings("unchecked")
            private <T> void bindOwnClass(T service) {
                bind(service).to((Class<T>) service.getClass());
            }
        });
        // WADL would answer OPTIONS with XML nobody asked for.
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // A relative Location stays relative: made absolute, it would name whatever host the request's Host header said.
        config.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        JdkHttpHandlerContainer jersey = ContainerFactory.createContainer(JdkHttpHandlerContainer.class, config);
        HttpServer http;
        try {
            if (tls == null) {
                http = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
            } else {
                HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), BACKLOG);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                http = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        http.createContext("/", jersey);
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(task -> threads.execute(fatal.guard("an HTTP request", task)));
        http.start();
        jersey.getApplicationHandler().onStartup(jersey);
        return new HookwrightServer(http, jersey, sessions);
    }

    /** The web page's sessions on this node. */
    public Sessions sessions() {
        return sessions;
    }

    /** The port listened on: the one asked for, or the one the system picked for 0. */
    public int port() {
        return http.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** Stops taking requests, gives those in progress up to a second to finish, and shuts the application down. */
    @Override
    public void close() {
        http.stop(1);
        jersey.getApplicationHandler().onShutdown(jersey);
    }
}
