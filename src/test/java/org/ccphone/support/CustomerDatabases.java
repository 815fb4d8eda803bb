package org.ccphone.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts, once per test run and before Arquillian boots Payara Micro, the customer databases the
 * ITs' server configuration points at: the demo tenant's H2 over TCP and the PostgreSQL tenant.
 * Register it before the ArquillianExtension.
 */
public final class CustomerDatabases implements BeforeAllCallback {
  public static final H2Server DEMO = new H2Server(19092, build().resolve("it-h2"));
  public static final PostgresServer POSTGRES = new PostgresServer(55432);
  private static boolean started;

  @Override
  public synchronized void beforeAll(ExtensionContext context) throws Exception {
    if (started || System.getProperty("callcenter.build.dir") == null) {
      return; // already running, or this is the in-container side of a test inside Payara
    }
    System.setProperty("h2.bindAddress", "127.0.0.1");
    H2Server.deleteQuietly(build().resolve("it-data"));
    DEMO.startFresh();
    POSTGRES.startFresh();
    POSTGRES.runScript(new String(
        CustomerDatabases.class.getResourceAsStream("/pgtest-schema.sql").readAllBytes(), StandardCharsets.UTF_8));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      POSTGRES.stopQuietly();
      DEMO.stop();
    }));
    started = true;
  }

  public static Path build() {
    return Path.of(System.getProperty("callcenter.build.dir", "target"));
  }
}
