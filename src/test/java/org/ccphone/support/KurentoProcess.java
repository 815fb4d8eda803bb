package org.ccphone.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Kurento Media Server as its own process, started by the project's script with a private
 * configuration (control WebSocket and media on loopback only): the media tests run against the
 * real server, never a fake of it.
 */
public final class KurentoProcess {
  private final int port;
  private final Path dir;
  private Process process;
  private String interfaces = "lo";

  public KurentoProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** The network interfaces it offers browsers candidates on (lo unless told). */
  public KurentoProcess interfaces(String names) {
    this.interfaces = names;
    return this;
  }

  public String uri() {
    return "ws://127.0.0.1:" + port + "/kurento";
  }

  public void start() throws Exception {
    Path project = Path.of(System.getProperty("callcenter.project.dir", "."));
    Files.createDirectories(dir);
    ProcessBuilder kms = new ProcessBuilder(project.resolve("scripts/kurento").toString(), "run", String.valueOf(port), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("kms.log").toFile());
    kms.environment().put("KMS_NETWORK_INTERFACES", interfaces);
    process = kms.start();
    boolean listening = Eventually.await(Duration.ofSeconds(30), this::listening, up -> up || !process.isAlive());
    if (!listening) {
      throw new IllegalStateException("KMS did not start: " + Files.readString(dir.resolve("kms.log")));
    }
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills it at once, as a crash would. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  public String log() throws IOException {
    return Files.readString(dir.resolve("kms.log"));
  }
}
