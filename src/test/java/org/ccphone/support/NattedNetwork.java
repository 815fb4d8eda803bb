package org.ccphone.support;

/**
 * An agent behind NAT, as at home or in most offices: a LAN namespace ({@code 192.168.<subnet>.2})
 * whose router (a second namespace, {@code 10.<subnet>.0.2} toward this machine) masquerades it
 * with nftables. The router can also drop the LAN's traffic toward a range of this machine's ports,
 * as a firewall that lets only the TURN relay through. Closing it removes both namespaces.
 */
public final class NattedNetwork implements AutoCloseable {
  private final TestNetwork router;
  private final String lan;
  private final int subnet;

  private NattedNetwork(TestNetwork router, String lan, int subnet) {
    this.router = router;
    this.lan = lan;
    this.subnet = subnet;
  }

  /** Router {@code name}r on 10.{@code subnet}.0.0/24, LAN {@code name}l on 192.168.{@code subnet}.0/24. */
  public static NattedNetwork create(String name, int subnet) throws Exception {
    TestNetwork router = TestNetwork.create(name + "r", subnet);
    String lan = name + "l";
    NattedNetwork net = new NattedNetwork(router, lan, subnet);
    try {
      net.removeLan();
      TestNetwork.run("ip", "netns", "add", lan);
      TestNetwork.run("ip", "link", "add", net.lanRouterSide(), "type", "veth", "peer", "name", net.lanAgentSide());
      TestNetwork.run("ip", "link", "set", net.lanRouterSide(), "netns", router.name());
      TestNetwork.run("ip", "link", "set", net.lanAgentSide(), "netns", lan);
      router.exec("ip", "addr", "add", "192.168." + subnet + ".1/24", "dev", net.lanRouterSide());
      router.exec("ip", "link", "set", net.lanRouterSide(), "up");
      router.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
      router.exec("nft", "add table ip nat");
      router.exec("nft", "add chain ip nat postrouting { type nat hook postrouting priority 100 ; }");
      router.exec("nft", "add rule ip nat postrouting oifname " + router.name() + "1 masquerade");
      net.inLan("ip", "addr", "add", net.agentAddress() + "/24", "dev", net.lanAgentSide());
      net.inLan("ip", "link", "set", net.lanAgentSide(), "up");
      net.inLan("ip", "link", "set", "lo", "up");
      net.inLan("ip", "route", "add", "default", "via", "192.168." + subnet + ".1");
    } catch (Exception e) {
      net.close();
      throw e;
    }
    return net;
  }

  /**
   * The router drops the LAN's UDP and TCP to this machine's ports {@code from}-{@code to}: no
   * direct path, neither ICE over UDP nor ICE-TCP, to a media server listening there.
   */
  public void dropTrafficTo(int from, int to) throws Exception {
    router.exec("nft", "add table inet firewall");
    router.exec("nft", "add chain inet firewall forward { type filter hook forward priority 0 ; }");
    router.exec("nft", "add rule inet firewall forward iifname " + lanRouterSide() + " ip daddr " + serverAddress()
        + " meta l4proto { tcp, udp } th dport " + from + "-" + to + " counter drop");
  }

  /** What the firewall dropped so far (nft's counter line). */
  public String dropped() throws Exception {
    return router.exec("nft", "list chain inet firewall forward");
  }

  /** The namespace the agent's browser runs in. */
  public String name() {
    return lan;
  }

  /** This machine's address toward the router. */
  public String serverAddress() {
    return router.serverAddress();
  }

  /** The router's outside address: what this machine sees of the agent. */
  public String routerAddress() {
    return router.agentAddress();
  }

  public String agentAddress() {
    return "192.168." + subnet + ".2";
  }

  /** The interface on this machine's side. */
  public String hostSide() {
    return router.hostSide();
  }

  public String cidr() {
    return router.cidr();
  }

  private String lanRouterSide() {
    return lan + "0";
  }

  private String lanAgentSide() {
    return lan + "1";
  }

  /** Runs a command in the LAN namespace. */
  public String inLan(String... command) throws Exception {
    String[] all = new String[command.length + 4];
    all[0] = "ip";
    all[1] = "netns";
    all[2] = "exec";
    all[3] = lan;
    System.arraycopy(command, 0, all, 4, command.length);
    return TestNetwork.run(all);
  }

  private void removeLan() throws InterruptedException {
    try {
      TestNetwork.run("ip", "netns", "del", lan);
    } catch (Exception e) {
      // not there
    }
  }

  @Override
  public void close() throws InterruptedException {
    removeLan();
    router.close();
  }
}
