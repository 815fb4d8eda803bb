package org.ccphone.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium on another machine: started inside a network namespace of the test's, with a
 * home of its own whose certificate store (NSS, as Chromium on Linux reads it) trusts the test's
 * authority and nothing else added. No switch that ignores certificate errors.
 */
public final class RemoteChromium implements AutoCloseable {
  private final Playwright playwright;
  private final Browser chromium;

  private RemoteChromium(Playwright playwright, Browser chromium) {
    this.playwright = playwright;
    this.chromium = chromium;
  }

  public static RemoteChromium start(String namespace, Path authority, Path work) throws Exception {
    Path home = work.resolve("chromium-home-" + namespace);
    H2Server.deleteQuietly(home);
    Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
    certutil("-N", "-d", "sql:" + nssdb, "--empty-password");
    certutil("-A", "-d", "sql:" + nssdb, "-n", "call-center-test-ca", "-t", "C,,", "-i", authority.toString());
    // Playwright talks to Chromium over inherited pipes, which `ip netns exec` keeps (it execs).
    Path launcher = work.resolve("chromium-in-" + namespace);
    Files.writeString(launcher, "#!/bin/sh\nexec ip netns exec " + namespace + " env HOME=" + home + " "
        + System.getProperty("callcenter.chromium", "/usr/bin/chromium") + " \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(launcher).setArgs(BrowserPhones.switches(true)));
    return new RemoteChromium(playwright, chromium);
  }

  private static void certutil(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "certutil";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("certutil " + String.join(" ", args) + " failed: " + out);
    }
  }

  public Browser chromium() {
    return chromium;
  }

  @Override
  public void close() {
    chromium.close();
    playwright.close();
  }
}
