package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The product on Payara Micro as its own process, for tests that must stop the server in the middle
 * (Arquillian keeps one server for a whole test class). Started the way scripts/run starts it.
 */
public final class PayaraProcess {
  private final int port;
  private final Path postBoot;
  private final Map<String, String> properties;
  private final Path log;
  private Process process;
  private Path war;

  public PayaraProcess(int port, Path postBoot, Map<String, String> properties, Path log) {
    this.port = port;
    this.postBoot = postBoot;
    this.properties = properties;
    this.log = log;
  }

  /** Deploys this WAR instead of the packaged one (a build with the test double of the media plane). */
  public PayaraProcess war(Path file) {
    this.war = file;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public void start() throws Exception {
    launch();
    awaitReady();
  }

  /**
   * The data grid's port, as scripts/run places it: the grid of one member listens on loopback only
   * and joins nobody else's (the default would listen on every interface and look for members).
   */
  private int gridPort() {
    return port - 1180;
  }

  /** Starts the process and returns at once: the test may talk to it while it boots. */
  public void launch() throws Exception {
    Path build = CustomerDatabases.build().toAbsolutePath();
    Path root = Files.createTempDirectory("callcenter-payara");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-Dhazelcast.socket.bind.any=false"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", build.resolve("payara/payara-micro.jar").toString(),
        "--nohostaware", "--interfaces", "127.0.0.1", "--startport", String.valueOf(gridPort()),
        "--clustermode", "tcpip:127.0.0.1:" + gridPort(), "--port", String.valueOf(port), "--rootdir", root.toString(),
        "--addLibs", build.resolve("payara/lib").toString(),
        "--postbootcommandfile", postBoot.toString(),
        "--deploy", (war != null ? war : build.resolve("callcenter.war")).toString(), "--contextroot", "/"));
    Files.deleteIfExists(log);
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until Payara Micro says it is ready (the application deployed). */
  public void awaitReady() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < end) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      if (out.contains(" ready in ")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      Thread.sleep(250);
    }
    kill();
    throw new IllegalStateException("Payara Micro did not start in 180 s; see " + log);
  }

  /** SIGTERM, as an operator's stop or a service manager would send; does not wait. */
  public void terminate() {
    if (process != null) {
      process.destroy();
    }
  }

  /** Waits for the process to exit; false when it is still running after {@code seconds}. */
  public boolean exited(long seconds) throws InterruptedException {
    if (process == null) {
      return true;
    }
    boolean gone = process.waitFor(seconds, TimeUnit.SECONDS);
    if (gone) {
      process = null;
    }
    return gone;
  }

  /** Ends the server the hard way, as a crash or a kill -9 would. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      process = null;
    }
  }

  public String log() throws IOException {
    return Files.readString(log);
  }
}
