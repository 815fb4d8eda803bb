package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command, {@code scripts/run}, as its own process: on what the test run built
 * ({@code CALLCENTER_NO_BUILD}), with a data folder of the test's, its output in a log.
 */
public final class RunCommand {
  private final Process process;
  private final Path log;

  private RunCommand(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts it with {@code settings} (environment variables) and returns at once; {@code work} holds data/ and run.log. */
  public static RunCommand start(Path work, Map<String, String> settings) throws IOException {
    Path project = Path.of(System.getProperty("callcenter.project.dir", ".")).toAbsolutePath();
    Path log = work.resolve("run.log");
    ProcessBuilder run = new ProcessBuilder(project.resolve("scripts/run").toString())
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = new HashMap<>(Map.of("CALLCENTER_NO_BUILD", "1", "CALLCENTER_DATA", work.resolve("data").toString()));
    env.putAll(settings);
    run.environment().putAll(env);
    return new RunCommand(run.start(), log);
  }

  /** Its output once it printed "Started in" or ended, or when {@code within} passed. */
  public String awaitStarted(Duration within) throws Exception {
    return Eventually.await(within, this::log, out -> out.contains("Started in") || !process.isAlive(), "");
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  public Process process() {
    return process;
  }

  /** SIGTERM, as Ctrl-C: true when it ended within {@code seconds}; killed otherwise. */
  public boolean stop(long seconds) throws InterruptedException {
    process.destroy();
    boolean stopped = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!stopped) {
      process.destroyForcibly();
    }
    return stopped;
  }
}
