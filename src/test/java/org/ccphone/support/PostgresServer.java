package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started from Debian's binaries (installed by
 * scripts/install-prerequisites) in a private data folder on 127.0.0.1. PostgreSQL refuses to run
 * as root, so under root it runs as the "postgres" user the package creates.
 */
public final class PostgresServer {
  public static final String DATABASE = "callcenter";
  public static final String USER = "postgres";

  private final int port;
  private final Path dataDir;
  private final Path bin;

  public PostgresServer(int port) {
    this.port = port;
    this.dataDir = Path.of(System.getProperty("java.io.tmpdir"), "callcenter-pg-" + port);
    this.bin = binaries();
  }

  public int port() {
    return port;
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, "");
  }

  /** Creates a new cluster (discarding any earlier one) and starts it with an empty database. */
  public void startFresh() throws Exception {
    stopQuietly();
    deleteDataDir();
    Files.createDirectories(dataDir);
    if (root()) {
      run(List.of("chown", "postgres:postgres", dataDir.toString()), false);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"), true);
    start();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  public void start() throws Exception {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
        "-l", dataDir.resolve("server.log").toString(),
        "-o", "-p " + port + " -h 127.0.0.1 -k " + dataDir + " -F", "start"), true);
  }

  public void stop() throws Exception {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", "fast", "stop"), true);
  }

  public void stopQuietly() {
    if (Files.exists(dataDir.resolve("postmaster.pid"))) {
      try {
        stop();
      } catch (Exception e) {
        // already stopped
      }
    }
  }

  /** Runs a SQL script (statements separated by a line holding only "--;"). */
  public void runScript(String script) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String part : script.split("(?m)^--;\\s*$")) {
        if (!part.isBlank()) {
          s.execute(part);
        }
      }
    }
  }

  private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres && root()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("command failed: " + full + "\n" + out);
    }
  }

  private void deleteDataDir() throws IOException {
    if (Files.exists(dataDir)) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path binaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparing(Path::toString))
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("PostgreSQL is not installed: run scripts/install-prerequisites", e);
    }
  }
}
