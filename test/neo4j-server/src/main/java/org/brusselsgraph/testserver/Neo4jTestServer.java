package org.brusselsgraph.testserver;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

import sun.misc.Signal;

/**
 * Starts an embedded Neo4j Community DBMS that serves Bolt only, for integration tests, with
 * authentication off unless NEO4J_AUTH asks for it.
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code NEO4J_DATA_DIR}: the DBMS home (databases, transaction logs, debug log). Kept across
 *       restarts. Unset: a temporary directory, deleted on exit.</li>
 *   <li>{@code NEO4J_BOLT_PORT}: Bolt port on 127.0.0.1 (default 7687).</li>
 *   <li>{@code NEO4J_AUTH}: {@code neo4j/<password>} turns authentication on and makes
 *       {@code <password>} the password of user neo4j (at least 8 characters), as the official
 *       Docker image reads it; unset or {@code none}: authentication off, any credentials accepted.
 *       The password is set at every start, so a kept DBMS home follows the variable.</li>
 *   <li>{@code NEO4J_PLUGINS_DIR}: plugin directory (default: {@code plugins/} beside the launcher jar,
 *       i.e. {@code target/plugins}, where the build puts APOC core).</li>
 *   <li>{@code NEO4J_PAGECACHE} (default 128m), {@code NEO4J_TX_TOTAL_MAX} (default 512m),
 *       {@code NEO4J_TX_MAX} (default 256m): memory settings, sizes as "128m", "1g" or bytes.</li>
 *   <li>{@code NEO4J_EXTRA_CONFIG}: extra raw settings, "key=value" pairs separated by ';' or newlines.</li>
 * </ul>
 *
 * <p>Standard output carries exactly one line, {@code NEO4J_READY bolt://127.0.0.1:<port> version=<v>},
 * printed once the Bolt port answers a protocol handshake. Everything else goes to standard error.
 * SIGTERM and SIGINT shut the DBMS down cleanly and exit with status 0.
 */
public final class Neo4jTestServer {

    private static final String HOST = "127.0.0.1";

    /** The real standard output; System.out is pointed at stderr so that only the ready line lands here. */
    private static final PrintStream READY_OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private static final Object LOCK = new Object();
    private static final AtomicBoolean STOPPED = new AtomicBoolean(false);
    private static volatile DatabaseManagementService managementService;
    private static volatile Path tempHome;

    private Neo4jTestServer() {}

    public static void main(String[] args) {
        System.setOut(System.err);
        try {
            run();
        } catch (Throwable t) {
            log("failed to start: " + t);
            t.printStackTrace(System.err);
            shutdown();
            System.err.flush();
            // halt: no shutdown hook is left with work to do, and non-daemon threads must not keep us alive.
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run() throws Exception {
        long started = System.nanoTime();
        int port = intEnv("NEO4J_BOLT_PORT", BoltConnector.DEFAULT_PORT);
        String password = passwordFromAuthEnv();

        Path home;
        String dataDir = env("NEO4J_DATA_DIR");
        if (dataDir != null) {
            home = Path.of(dataDir).toAbsolutePath().normalize();
            Files.createDirectories(home);
        } else {
            home = Files.createTempDirectory("neo4j-test-server-");
            tempHome = home;
        }
        Path pluginDir = pluginDir();

        installShutdownHandling();

        log("starting Neo4j " + Version.getNeo4jVersion() + ": home=" + home + " plugins=" + pluginDir
                + " bolt=" + HOST + ":" + port + " auth=" + (password == null ? "off" : "on (user neo4j)"));

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                // Bolt only, plain text, loopback
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // NEO4J_AUTH unset or none: any credentials are accepted
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                // no anonymous usage reports (no network beyond loopback; tests must not phone home)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // modest memory
                .setConfig(GraphDatabaseSettings.pagecache_memory, bytesEnv("NEO4J_PAGECACHE", "128m"))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                        bytesEnv("NEO4J_TX_TOTAL_MAX", "512m"))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, bytesEnv("NEO4J_TX_MAX", "256m"))
                // Bolt's Netty event loops otherwise wait a 5 s quiet period each (two loops: ~10 s per stop)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                // plugins (APOC core), as a server loads them from server.directories.plugins
                .setConfig(GraphDatabaseSettings.plugin_dir, pluginDir)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));

        String extra = env("NEO4J_EXTRA_CONFIG");
        if (extra != null) {
            // The builder takes raw "key=value" settings only from a file; loaded last, these win.
            StringBuilder props = new StringBuilder();
            for (String entry : extra.split("[;\\n]")) {
                String e = entry.trim();
                if (e.isEmpty() || e.startsWith("#")) {
                    continue;
                }
                if (e.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("NEO4J_EXTRA_CONFIG entry is not key=value: " + e);
                }
                props.append(e).append('\n');
            }
            Path file = Files.createTempFile("neo4j-test-server-", ".conf");
            file.toFile().deleteOnExit();
            Files.writeString(file, props.toString(), StandardCharsets.UTF_8);
            log("extra settings: " + props.toString().replace('\n', ' ').trim());
            builder.loadPropertiesFromFile(file);
        }

        DatabaseManagementService dbms;
        synchronized (LOCK) {
            if (STOPPED.get()) {
                return;
            }
            dbms = builder.build();
            managementService = dbms;
        }

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            throw new IllegalStateException("default database did not become available");
        }
        if (password != null) {
            setNeo4jPassword(dbms, password);
        }
        String version = neo4jVersion(db);
        awaitBolt(port, Duration.ofMinutes(2));

        double secs = (System.nanoTime() - started) / 1e9;
        log(String.format(Locale.ROOT, "ready in %.1f s", secs));
        READY_OUT.println("NEO4J_READY bolt://" + HOST + ":" + port + " version=" + version);
        READY_OUT.flush();

        // Park the main thread; exit happens through the signal handlers.
        new CountDownLatch(1).await();
    }

    /**
     * NEO4J_AUTH as the official image reads it: {@code neo4j/<password>}, or {@code none}.
     * Returns the password, or null for no authentication.
     */
    static String passwordFromAuthEnv() {
        String auth = System.getenv("NEO4J_AUTH");
        if (auth == null || auth.isBlank() || auth.trim().equalsIgnoreCase("none")) {
            return null;
        }
        int slash = auth.indexOf('/');
        if (slash < 0 || !auth.substring(0, slash).equals("neo4j")) {
            throw new IllegalArgumentException("NEO4J_AUTH must be neo4j/<password> or none (only user neo4j can be set)");
        }
        String password = auth.substring(slash + 1);
        if (password.length() < 8) {
            // Neo4j's default dbms.security.auth_minimum_password_length
            throw new IllegalArgumentException("NEO4J_AUTH: the password must have at least 8 characters");
        }
        return password;
    }

    /**
     * Makes {@code password} the password of user neo4j, with no change required at first login.
     * Embedded transactions on the system database run with full rights, auth on or off. A kept home
     * may already have this password, which ALTER USER refuses to set again: then only the
     * change-required flag is cleared.
     */
    private static void setNeo4jPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            log("password of user neo4j set from NEO4J_AUTH");
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw new IllegalStateException("could not set the password of user neo4j: " + e.getMessage(), e);
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            log("user neo4j already has the password of NEO4J_AUTH");
        }
    }

    /** SIGTERM/SIGINT: exit 0 after the shutdown hook has stopped the DBMS. */
    private static void installShutdownHandling() {
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jTestServer::shutdown, "neo4j-test-server-shutdown"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    log("received SIG" + sig.getName() + ", shutting down");
                    // System.exit runs the shutdown hook, then exits with 0 instead of 128+signal.
                    new Thread(() -> System.exit(0), "neo4j-test-server-exit").start();
                });
            } catch (IllegalArgumentException e) {
                log("cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }

    private static void shutdown() {
        synchronized (LOCK) {
            if (!STOPPED.compareAndSet(false, true)) {
                return;
            }
            DatabaseManagementService dbms = managementService;
            if (dbms != null) {
                long t0 = System.nanoTime();
                try {
                    dbms.shutdown();
                    log(String.format(Locale.ROOT, "stopped in %.1f s", (System.nanoTime() - t0) / 1e9));
                } catch (Throwable t) {
                    log("error during shutdown: " + t);
                }
            }
            Path tmp = tempHome;
            if (tmp != null) {
                deleteRecursively(tmp);
            }
            System.err.flush();
        }
    }

    /** Waits until the Bolt port answers a Bolt handshake (any 4-byte answer proves Bolt is serving). */
    private static void awaitBolt(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {
                    (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17, // magic preamble
                    0, 8, 8, 5, // 5.8 down to 5.0
                    0, 0, 4, 4, // 4.4
                    0, 0, 0, 0,
                    0, 0, 0, 0
                });
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] answer = in.readNBytes(4);
                if (answer.length == 4) {
                    log(String.format(Locale.ROOT, "bolt handshake answered: version %d.%d", answer[3], answer[2]));
                    return;
                }
                last = new IOException("short handshake answer (" + answer.length + " bytes)");
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Bolt did not answer on " + HOST + ":" + port + " in " + timeout, last);
    }

    private static String neo4jVersion(GraphDatabaseService db) {
        try {
            return db.executeTransactionally(
                    "CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' RETURN versions[0] AS v",
                    Map.of(),
                    r -> r.hasNext() ? String.valueOf(r.next().get("v")) : Version.getNeo4jVersion());
        } catch (RuntimeException e) {
            return Version.getNeo4jVersion();
        }
    }

    private static Path pluginDir() {
        String configured = env("NEO4J_PLUGINS_DIR");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path code = Path.of(Neo4jTestServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/neo4j-test-server.jar or target/classes -> target/plugins
            return code.getParent().resolve("plugins").toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("plugins").toAbsolutePath();
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log("could not delete " + root + ": " + e);
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static int intEnv(String name, int dflt) {
        String v = env(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not an integer: " + v, e);
        }
    }

    private static long bytesEnv(String name, String dflt) {
        String v = env(name);
        return parseBytes(name, v == null ? dflt : v);
    }

    static long parseBytes(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k': mult = 1L << 10; break;
            case 'm': mult = 1L << 20; break;
            case 'g': mult = 1L << 30; break;
            default: mult = 1;
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v.trim()) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a size like 128m: " + value, e);
        }
    }

    private static void log(String msg) {
        System.err.println("[neo4j-test-server] " + msg);
        System.err.flush();
    }
}
