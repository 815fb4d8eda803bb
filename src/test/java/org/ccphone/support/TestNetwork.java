package org.ccphone.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another machine for a test: a network namespace of the test's own joined to this one by a veth
 * pair, with addresses of the test's own ({@code 10.<subnet>.0.1} on this side, {@code .2} in the
 * namespace). Needs root, as the tests run. Closing it removes both.
 */
public final class TestNetwork implements AutoCloseable {
  private final String name;
  private final int subnet;

  private TestNetwork(String name, int subnet) {
    this.name = name;
    this.subnet = subnet;
  }

  /** Makes namespace {@code name} (removing a leftover of that name first) on 10.{@code subnet}.0.0/24. */
  public static TestNetwork create(String name, int subnet) throws Exception {
    TestNetwork net = new TestNetwork(name, subnet);
    net.remove();
    run("ip", "netns", "add", name);
    run("ip", "link", "add", net.hostSide(), "type", "veth", "peer", "name", net.otherSide());
    run("ip", "link", "set", net.otherSide(), "netns", name);
    run("ip", "addr", "add", net.serverAddress() + "/24", "dev", net.hostSide());
    run("ip", "link", "set", net.hostSide(), "up");
    net.exec("ip", "addr", "add", net.agentAddress() + "/24", "dev", net.otherSide());
    net.exec("ip", "link", "set", net.otherSide(), "up");
    net.exec("ip", "link", "set", "lo", "up");
    return net;
  }

  public String name() {
    return name;
  }

  /** This machine's address on the test network: where the namespace reaches the server. */
  public String serverAddress() {
    return "10." + subnet + ".0.1";
  }

  /** The namespace's own address. */
  public String agentAddress() {
    return "10." + subnet + ".0.2";
  }

  public String cidr() {
    return "10." + subnet + ".0.0/24";
  }

  /** The interface on this machine's side (the one a media server gathers candidates on). */
  public String hostSide() {
    return name + "0";
  }

  private String otherSide() {
    return name + "1";
  }

  /** Runs a command inside the namespace; its output (stdout and stderr), or an error when it fails. */
  public String exec(String... command) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(command));
    return run(all.toArray(String[]::new));
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  void remove() throws InterruptedException {
    for (String[] command : List.of(new String[] {"ip", "link", "del", hostSide()}, new String[] {"ip", "netns", "del", name})) {
      try {
        run(command);
      } catch (IOException | IllegalStateException e) {
        // not there: nothing to remove
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    remove();
  }
}
