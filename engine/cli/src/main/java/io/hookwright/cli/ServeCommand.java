package io.hookwright.cli;

import io.hookwright.authoring.AuthoringMode;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.dryrun.TerminalText;
import io.hookwright.event.Event;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.execution.DefinitionsWatcher;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.Reloader;
import io.hookwright.ingest.Ingest;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.render.Secrets;
import io.hookwright.server.CaptureReceiver;
import io.hookwright.server.DeliveryLog;
import io.hookwright.server.ServerSettings;
import io.hookwright.server.TlsFiles;
import io.hookwright.server.Serving;
import io.hookwright.server.auth.PageOrigin;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import io.hookwright.store.Database;
import io.hookwright.store.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the engine: deliver the outbox, take events and transactions over HTTP, serve the web page "
                + "and the REST API. Stops on SIGTERM or Ctrl-C, letting deliveries in flight finish; the rest stay "
                + "queued for the next start.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    StoreOptions store;

    @Mixin
    SendOptions send;

    @Option(names = ServeDefaults.CONFIG_OPTION, paramLabel = "FILE", description = "read the options not given here "
            + "from this properties file (option = value lines, e.g. port = 8080, allow-target = 10.0.0.0/8,localhost); "
            + "HOOKWRIGHT_<OPTION> environment variables (HOOKWRIGHT_PORT, HOOKWRIGHT_DB_URL...) win over it "
            + "(default: HOOKWRIGHT_CONFIG)")
    Path config;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to listen on (default: 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default: 8080; 0 picks a free one)")
    int port = 8080;

    @Option(names = "--public-url", paramLabel = "URL", description = "where browsers open the web page when a "
            + "proxy in front serves it, e.g. https://hooks.example.com (scheme://host[:port] only): its forms are "
            + "then taken from that origin alone, and its cookies are Secure when it is https. X-Forwarded-* "
            + "headers are never trusted (default: the address each request was sent to)")
    String publicUrl;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "serve https with this PEM certificate chain "
            + "(the server's certificate first); needs --tls-key. Page cookies are then Secure")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert, unencrypted "
            + "PKCS #8 (BEGIN PRIVATE KEY), readable by serve's user only")
    Path tlsKey;

    @Option(names = "--tokens", paramLabel = "FILE", description = "tokens file: NAME SCOPE... sha256:HEX per line; "
            + "HOOKWRIGHT_ADMIN_TOKEN adds one admin token. With neither, an admin token is made for this run and printed.")
    Path tokensFile;

    @Option(names = "--workspace", paramLabel = "FILE", description = "workspace for test sends and dry-runs (default: samples/workspace)")
    Path workspace = Path.of("samples", "workspace");

    @Option(names = "--capture", description = "send every request to a local receiver that prints it, instead of its "
            + "target: nothing leaves this machine (for trying definitions out)")
    boolean capture;

    @Option(names = "--feed", paramLabel = "FILE", description = "publish these events once started, for demos and smoke "
            + "tests: a .json file of events (one or an array), or lines of dry-run arguments on the workspace, "
            + "e.g. --project DEMO --event Project:Updated --set Status=Done")
    Path feed;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "largest request body accepted (default: 1048576)")
    long maxBody = 1024 * 1024;

    @Option(names = "--transaction-ttl", paramLabel = "SECONDS", description = "how long an HTTP transaction may stay "
            + "open before it is rolled back (default: 60)")
    long transactionTtl = 60;

    @Option(names = "--deactivate-after", paramLabel = "N", description = "consecutive failures that deactivate a webhook (default: 20)")
    int deactivateAfter = 20;

    @Option(names = "--failures-rising", paramLabel = "PERCENTS", description = "shares of --deactivate-after at which "
            + "failures in a row publish a Hookwright:FailuresRising event, comma-separated percentages, or none "
            + "(default: 50,70,90)")
    String failuresRising = "50,70,90";

    @Option(names = "--per-host", paramLabel = "N", description = "requests in flight to one target host at a time (default: 32)")
    int perHost = 32;

    @Option(names = "--node", paramLabel = "NAME", description = "this node's name, shown on its runs; its claims carry "
            + "it, so a node restarted under the same name takes its own unfinished messages back at once. Give each "
            + "node sharing a database its own (default: HOST-PORT)")
    String node;

    @Option(names = "--lease", paramLabel = "SECONDS", description = "how long this node's claims hold without a "
            + "heartbeat; a live node renews its lease every third of it, so this is how soon the messages of a node "
            + "that died go to another (default: 30)")
    long leaseSeconds = 30;

    @Option(names = "--log-format", paramLabel = "text|json", description = "log lines on standard error as text or "
            + "as JSON objects, one per line (default: text)")
    String logFormat = "text";

    @Option(names = "--delivery-log", paramLabel = "all|failed|none", description = "which delivery attempts get a log "
            + "line: webhook, run, message and event ids, attempt, outcome, status, duration, URL (default: all)")
    String deliveryLog = "all";

    @Option(names = "--authoring", paramLabel = "MODE", description = "direct: webhooks created, changed or deleted "
            + "over REST are commits to the definitions' git work tree, then reloaded (default); branch: each is a "
            + "commit on a new branch hookwright/<code>-<id>, answered 202 {branch, commit}, and goes live only once "
            + "merged (the work tree and the running set stay); off: those writes answer 409. Off too while the "
            + "definitions folder is in no git work tree")
    String authoring = AuthoringMode.DIRECT.word();

    @Option(names = "--push", paramLabel = "REMOTE", description = "push each such commit to this git remote (a "
            + "remote's name, e.g. origin, or a URL): the branch checked out in direct mode, the new branch in branch "
            + "mode. A push that fails leaves the commit, and the answer and a log line say why")
    String push;

    @Option(names = "--durability", paramLabel = "normal|full", description = "how a SQLite database's commits reach "
            + "the disk (PRAGMA synchronous). normal: safe across a crash of the process; a power loss or an "
            + "operating system crash may take the last commits before it, never leaving the database corrupt. "
            + "full: every commit is on the disk before it returns, at the cost of a sync per commit (default: normal)")
    String durability = "normal";

    @Option(names = "--retention", paramLabel = "SPAN", description = "how long runs are kept: every hour, the runs "
            + "of messages whose latest run is older (30d, 12h...) are deleted with their bodies, except those of "
            + "messages still queued; forever keeps them all (default: 30d)")
    String retention = "30d";

    @Option(names = "--watch", description = "reload the definitions when their files change (a broken change is "
            + "refused and printed; the running set stays)")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LogLines lines = logLines();
        DeliveryLog.Scope logged = deliveryLog();
        lines.install(System.err);
        // Delivery lines and the lines of stopping through one writer: in order, and the last written once stopped.
        LineWriter err = new LineWriter(System.err);
        DeliverySettings delivery = delivery();
        List<Integer> rising = failuresRising();
        Durability commits = durability();
        Duration keepRuns = retention();
        Secrets secrets = send.secrets();
        ServerSettings server = server(pageOrigin(), secrets);
        refuseTakenPort();
        DefinitionCompiler compiler = new DefinitionCompiler();
        LoadedDefinitions loaded = definitions.load(compiler);
        Tokens tokens = tokens(out);
        Database database = store.openOrCreate(commits);
        CaptureReceiver receiver = capture ? new CaptureReceiver(new PrintStream(System.out, true)) : null;
        Engine.Builder builder = Engine.builder(database, loaded).observer(new DeliveryLog(logged, record -> err.write(lines.line(record))))
                .secrets(secrets).deactivateAfter(deactivateAfter).retention(keepRuns).failuresRising(rising)
                .delivery(delivery.toBuilder().perHostConcurrency(perHost)
                        .perHostQueue(Math.max(delivery.perHostQueue(), perHost)).build());
        if (receiver != null) {
            List<TargetPolicy.Allowed> allowed = new ArrayList<>(send.allowed);
            allowed.add(TargetPolicy.Allowed.parse("127.0.0.1:" + receiver.port()));
            builder.targetPolicy(new TargetPolicy(allowed, false)).capture(receiver.uri());
        } else {
            builder.targetPolicy(send.targetPolicy());
        }
        Serving serving = Serving.start(builder, database, server, tokens, compiler);
        DefinitionsWatcher watcher = watch ? new DefinitionsWatcher(serving.reloader(), Duration.ofMillis(300),
                load -> reloaded(load, out, serving.reloader())) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean fatal = new AtomicBoolean();
        serving.fatal().onFatal(() -> stopOnFatal(serving, fatal, stopped));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.write(lines.line(Level.INFO, "stopping (SIGTERM or Ctrl-C): deliveries in flight finish, the rest "
                    + "stay queued"));
            if (watcher != null) {
                watcher.close();
            }
            serving.close();
            err.write(lines.line(Level.INFO, "stopped; " + queued(database) + " message(s) stay queued for the "
                    + "next start"));
            err.close();
            database.close();
            if (receiver != null) {
                receiver.close();
            }
            stopped.countDown();
        }, "hookwright-shutdown"));
        String base = (tlsCert == null ? "http://" : "https://") + host + ":" + serving.server().port() + "/";
        out.println("Hookwright is serving " + serving.engine().definitions().definitions().size() + " webhooks from "
                + definitions.folder() + " (revision " + serving.engine().definitionsRevision() + ")");
        out.println("  web page   " + base);
        if (publicUrl != null) {
            out.println("  public at  " + publicUrl.strip() + " (the page's forms are taken from there only)");
        }
        out.println("  REST API   " + base + "events, " + base + "runs, " + base + "webhooks, …");
        out.println("  database   " + store.describe() + " (node " + serving.engine().node()
                + (store.isPostgres() ? "" : ", durability " + commits.word()) + ")");
        out.println("  authoring  " + serving.authoring().refusal().map(r -> "off: " + r)
                .orElse(serving.authoring().mode() == AuthoringMode.BRANCH
                        ? "branch: webhooks written over REST are commits on branches of their own, live once merged"
                        : "direct: webhooks written over REST are commits to the definitions' git work tree")
                + serving.authoring().pushesTo().map(r -> ", pushed to " + r).orElse(""));
        if (receiver != null) {
            out.println("  capture    every request goes to " + receiver.uri() + ", which prints it; nothing leaves this machine");
        }
        out.flush();
        if (feed != null) {
            feed(serving.ingest(), out);
        }
        serving.reloader().warnings(serving.engine().definitions().definitions())
                .forEach(w -> out.println("warning: " + DefinitionErrors.shown(definitions.folder(), w)));
        out.println("Stop with Ctrl-C; deliveries in flight finish first, the rest stay queued.");
        out.flush();
        stopped.await();
        return fatal.get() ? ExitCodes.FATAL : ExitCodes.OK;
    }

    /**
     * Says in one line that the port is taken before anything else happens (a token printed, a database created),
     * rather than failing once everything else has started.
     */
    private void refuseTakenPort() {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw CommandFailure.usage("port " + port + " on " + host + " is in use: stop what listens there, or "
                    + "pick another port with --port");
        } catch (IOException e) {
            throw CommandFailure.usage("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** How long stopping after a fatal error may take before the process is halted without finishing it. */
    private static final Duration FATAL_STOP = Duration.ofSeconds(30);

    /**
     * After a fatal error (out of memory…) the process exits with {@link ExitCodes#FATAL} for its supervisor to start
     * it again, rather than living on as a zombie: the shutdown hook lets deliveries in flight finish as far as it
     * can, and if that hangs, the process is halted.
     */
    private static void stopOnFatal(Serving serving, AtomicBoolean fatal, CountDownLatch stopped) {
        fatal.set(true);
        Thread.ofPlatform().daemon().name("hookwright-fatal-halt").start(() -> {
            try {
                Thread.sleep(FATAL_STOP.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(ExitCodes.FATAL);
        });
        try {
            System.err.println("hookwright serve: " + serving.fatal().first().map(f -> f.describe()).orElse("fatal error")
                    + "; stopping (exit " + ExitCodes.FATAL + ") so that a supervisor can start it again");
        } catch (Throwable ignored) {
            // Out of memory even for this: the exit code says it.
        }
        stopped.countDown();
    }

    private static String queued(Database database) {
        try {
            return String.valueOf(new JooqOutboxStore(database).depth());
        } catch (RuntimeException e) {
            return "an unknown number of";
        }
    }

    private LogLines logLines() {
        return switch (logFormat) {
            case "text" -> LogLines.TEXT;
            case "json" -> LogLines.JSON;
            default -> throw CommandFailure.usage("--log-format '" + logFormat + "': text or json");
        };
    }

    private DeliveryLog.Scope deliveryLog() {
        return switch (deliveryLog) {
            case "all" -> DeliveryLog.Scope.ALL;
            case "failed" -> DeliveryLog.Scope.FAILED;
            case "none" -> DeliveryLog.Scope.NONE;
            default -> throw CommandFailure.usage("--delivery-log '" + deliveryLog + "': all, failed or none");
        };
    }

    /** The percentages of {@code --failures-rising}; empty for none. */
    List<Integer> failuresRising() {
        String written = failuresRising.strip();
        if (written.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Integer> percents = new ArrayList<>();
        for (String part : written.split(",", -1)) {
            try {
                int percent = Integer.parseInt(part.strip().replace("%", "").strip());
                if (percent < 1 || percent > 99) {
                    throw new NumberFormatException();
                }
                percents.add(percent);
            } catch (NumberFormatException e) {
                throw CommandFailure.usage("--failures-rising takes percentages from 1 to 99 separated by commas "
                        + "(such as 50,70,90) or none, not '" + TerminalText.line(failuresRising) + "'");
            }
        }
        return percents;
    }

    private Durability durability() {
        for (Durability d : Durability.values()) {
            if (d.word().equals(durability.strip().toLowerCase(java.util.Locale.ROOT))) {
                if (store.isPostgres() && d != Durability.NORMAL) {
                    throw CommandFailure.usage("--durability is for a SQLite database; on PostgreSQL its own "
                            + "synchronous_commit setting decides");
                }
                return d;
            }
        }
        throw CommandFailure.usage("--durability takes normal or full, not '" + TerminalText.line(durability) + "'");
    }

    /** The retention, or null to keep runs for ever. */
    private Duration retention() {
        if (retention.strip().equalsIgnoreCase("forever")) {
            return null;
        }
        Duration span = SinceConverter.span(retention);
        if (span == null || span.isZero()) {
            throw CommandFailure.usage("--retention takes how long runs are kept, such as 30d or 12h (more than 0), or "
                    + "forever, not '" + TerminalText.line(retention) + "'");
        }
        return span;
    }

    private DeliverySettings delivery() {
        if (perHost < 1) {
            throw CommandFailure.usage("--per-host must be at least 1");
        }
        if (leaseSeconds < 3) {
            throw CommandFailure.usage("--lease must be at least 3 seconds (a live node renews it every third)");
        }
        String name = node != null ? node : defaultNode();
        if (name.isBlank() || name.contains(":") || name.length() > 60) {
            throw CommandFailure.usage("--node '" + name + "': a name of up to 60 characters, without ':'");
        }
        return DeliverySettings.builder().node(name).lease(Duration.ofSeconds(leaseSeconds)).build();
    }

    private ServerSettings server(PageOrigin pageOrigin, Secrets secrets) {
        if (port < 0 || port > 65_535) {
            throw CommandFailure.usage("--port must be 0 to 65535 (0 picks a free one), not " + port);
        }
        if (maxBody < 1) {
            throw CommandFailure.usage("--max-body must be at least 1 byte, not " + maxBody);
        }
        if (transactionTtl < 1) {
            throw CommandFailure.usage("--transaction-ttl must be at least 1 second, not " + transactionTtl);
        }
        return ServerSettings.builder().host(host).port(port).tls(tls()).definitionsFolder(definitions.folder())
                .workspace(workspace).secrets(secrets).clock(Clock.systemUTC()).maxBodyBytes(maxBody)
                .transactionTtl(Duration.ofSeconds(transactionTtl)).pageOrigin(pageOrigin)
                .authoring(AuthoringMode.fromWord(authoring).orElseThrow(() -> CommandFailure.usage(
                        "--authoring takes direct, branch or off, not '" + authoring + "'"))).push(push).build();
    }

    /** The TLS identity to serve https with, or null for plain http. */
    private javax.net.ssl.SSLContext tls() {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw CommandFailure.usage("--tls-cert and --tls-key go together: give the certificate chain and its key");
        }
        try {
            return TlsFiles.load(tlsCert, tlsKey);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--tls-cert/--tls-key: " + e.getMessage());
        }
    }

    private PageOrigin pageOrigin() {
        if (publicUrl == null) {
            return PageOrigin.OF_REQUEST;
        }
        try {
            return PageOrigin.publicUrl(publicUrl);
        } catch (IllegalArgumentException e) {
            // On one line whatever was given: a control character shows as '?'.
            String given = publicUrl.strip().replaceAll("\\p{Cntrl}", "?");
            throw CommandFailure.usage("--public-url '" + given + "': " + e.getMessage() + "; give where browsers "
                    + "open the page, e.g. https://hooks.example.com or https://hooks.example.com:8443");
        }
    }

    /** Stable across restarts, and distinct for nodes on one machine. */
    private String defaultNode() {
        String hostName = DeliverySettings.defaults().node();
        return port == 0 ? hostName + "-" + ProcessHandle.current().pid() : hostName + "-" + port;
    }

    private void reloaded(DefinitionsSource.Load load, PrintWriter out, Reloader reloader) {
        if (load.valid()) {
            out.println("Reloaded " + load.definitions().size() + " webhooks (revision " + load.revision() + ")");
            reloader.warnings(load.definitions())
                    .forEach(w -> out.println("  warning: " + DefinitionErrors.shown(definitions.folder(), w)));
        } else {
            out.println("Reload refused, the running definitions stay: " + load.errors().size() + " error(s)");
            load.errors().forEach(e -> out.println("  " + DefinitionErrors.shown(definitions.folder(), e)));
        }
        out.flush();
    }

    private Tokens tokens(PrintWriter out) throws IOException {
        try {
            Tokens tokens = Tokens.load(tokensFile, System.getenv(Tokens.ADMIN_ENV));
            if (!tokens.isEmpty()) {
                return tokens;
            }
        } catch (Tokens.TokensFileException e) {
            throw new CommandFailure(ExitCodes.INVALID, "the tokens file is not valid:\n" + e.getMessage());
        }
        String token = Tokens.newToken();
        out.println("No tokens file or " + Tokens.ADMIN_ENV + ": an admin token was made for this run:");
        out.println("  " + token);
        return Tokens.of("admin (this run)", token, EnumSet.of(Scope.ADMIN));
    }

    private void feed(Ingest ingest, PrintWriter out) {
        List<Event> events;
        try {
            events = FeedFile.read(feed, workspace, Clock.systemUTC());
        } catch (IOException e) {
            throw CommandFailure.usage("cannot read events from " + feed + ": " + e.getMessage());
        }
        int runs = 0;
        int vetoed = 0;
        for (Event event : events) {
            Ingest.Outcome outcome;
            try {
                outcome = ingest.publish(Ingest.FEED, event);
            } catch (Ingest.IdConflict e) {
                out.println("Skipped an event of " + feed + ": " + e.getMessage());
                continue;
            }
            runs += outcome.result().runs().size();
            vetoed += outcome.vetoed() ? 1 : 0;
        }
        out.println("Fed " + events.size() + " events from " + feed + ": " + runs + " webhook runs started"
                + (vetoed > 0 ? ", " + vetoed + " vetoed" : "") + ". See them on the web page or with:");
        out.println("  ./hookwright runs " + store.asArguments());
    }
}
