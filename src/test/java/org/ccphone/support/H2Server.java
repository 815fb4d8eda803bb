package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * The demo tenant's H2 database served over TCP on loopback, so that a test can read the customer
 * rows the server wrote and can stop the database to play an outage.
 */
public final class H2Server {
  private final int port;
  private final Path baseDir;
  private Server server;

  public H2Server(int port, Path baseDir) {
    this.port = port;
    this.baseDir = baseDir;
  }

  public String url(String database) {
    return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + database + ";MODE=MSSQLServer";
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "sa", "sa");
  }

  public void startFresh() throws Exception {
    stop();
    if (Files.exists(baseDir)) {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(baseDir);
    start();
  }

  public void start() throws SQLException {
    server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", baseDir.toString(), "-ifNotExists").start();
  }

  public void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  public static void deleteQuietly(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
