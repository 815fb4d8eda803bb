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

  public PayaraProcess(int port, Path postBoot, Map<String, String> properties, Path log) {
    this.port = port;
    this.postBoot = postBoot;
    this.properties = properties;
    this.log = log;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public void start() throws Exception {
    Path build = CustomerDatabases.build().toAbsolutePath();
    Path root = Files.createTempDirectory("callcenter-payara");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", build.resolve("payara/payara-micro.jar").toString(),
        "--nocluster", "--port", String.valueOf(port), "--rootdir", root.toString(),
        "--addLibs", build.resolve("payara/lib").toString(),
        "--postbootcommandfile", postBoot.toString(),
        "--deploy", build.resolve("callcenter.war").toString(), "--contextroot", "/"));
    Files.deleteIfExists(log);
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
