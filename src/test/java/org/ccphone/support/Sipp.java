package org.ccphone.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SIPp (Debian's sip-tester, installed by scripts/install-prerequisites) playing the IVR: a UAC
 * scenario from src/test/resources/sipp, its [keywords] filled by the test, sent to 127.0.0.1 only.
 */
public final class Sipp {
  private final Process process;
  private final Path log;
  private final String name;

  private Sipp(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts SIPp with a scenario of the test resources.
   *
   * @param keys values for the scenario's keywords (-key)
   * @param options further SIPp options (-m, -r, -l, -t ...); -m 1 when none is given
   */
  public static Sipp start(String scenario, int serverPort, int localPort, Map<String, String> keys, String... options)
      throws IOException {
    Path dir = Path.of(System.getProperty("callcenter.build.dir", "target"), "sipp");
    Files.createDirectories(dir);
    Path file = dir.resolve(scenario);
    try (var in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
      if (in == null) {
        throw new IOException("no scenario " + scenario);
      }
      // Written aside and moved into place: a SIPp started a moment before with the same scenario
      // may still be reading the file, and rewriting it in place let it read a truncated scenario.
      Path written = Files.createTempFile(dir, scenario, ".tmp");
      Files.write(written, in.readAllBytes());
      Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    String name = scenario.replace(".xml", "") + "-" + localPort;
    // SIPp appends to its logs: what an earlier run left would be read as this run's.
    Files.deleteIfExists(dir.resolve(name + "-errors.log"));
    Files.deleteIfExists(dir.resolve(name + "-messages.log"));
    List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort, "-sf", file.toString(),
        "-i", "127.0.0.1", "-p", String.valueOf(localPort), "-nostdin", "-timeout", "120s", "-timeout_error",
        "-trace_err", "-error_file", dir.resolve(name + "-errors.log").toString(), "-trace_msg",
        "-message_file", dir.resolve(name + "-messages.log").toString()));
    keys.forEach((k, v) -> command.addAll(List.of("-key", k, v)));
    List<String> extra = List.of(options);
    if (!extra.contains("-m")) {
      command.addAll(List.of("-m", "1"));
    }
    command.addAll(extra);
    Path log = dir.resolve(name + ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(new File("/dev/null")).start();
    return new Sipp(name, p, log);
  }

  /** Waits for SIPp to end; true when every call of the scenario succeeded (exit status 0). */
  public boolean succeeded(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return false;
    }
    return process.exitValue() == 0;
  }

  /** What SIPp printed and the messages it exchanged, for failure messages. */
  public String report() {
    StringBuilder out = new StringBuilder(name).append(" exit ");
    out.append(process.isAlive() ? "running" : String.valueOf(process.exitValue())).append('\n');
    for (String suffix : List.of("-errors.log", "-messages.log")) {
      Path p = log.resolveSibling(name + suffix);
      try {
        if (Files.exists(p)) {
          String text = Files.readString(p, StandardCharsets.UTF_8);
          out.append(suffix).append(":\n").append(text.length() > 6000 ? text.substring(text.length() - 6000) : text);
        }
      } catch (IOException e) {
        out.append(e);
      }
    }
    return out.toString();
  }

  /** SIPp's cumulative count of successful calls, from its final statistics (-1 when it printed none). */
  public int successfulCalls() throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)")
        .matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
    int last = -1;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }

  /** The text of the messages SIPp exchanged. */
  public String messages() throws IOException {
    Path p = log.resolveSibling(name + "-messages.log");
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
