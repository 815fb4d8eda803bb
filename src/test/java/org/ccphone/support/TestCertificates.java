package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of the test's own and server identities it signs, made with the JDK's
 * keytool: PKCS#12 keystores as an operator would give the server, and the authority's certificate
 * (PEM) for a browser to trust.
 */
public final class TestCertificates {
  public static final String PASSWORD = "test-keystore-secret";

  private final Path dir;

  /** Makes the authority in {@code dir} (created when missing). */
  public TestCertificates(Path dir) throws Exception {
    this.dir = Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("ca.p12"));
    keytool("-genkeypair", "-keystore", dir.resolve("ca.p12").toString(), "-alias", "ca", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=Call center test CA", "-ext", "bc:c", "-validity", "3");
    Files.deleteIfExists(authority());
    keytool("-exportcert", "-rfc", "-keystore", dir.resolve("ca.p12").toString(), "-alias", "ca", "-file", authority().toString());
  }

  /** The authority's certificate, PEM. */
  public Path authority() {
    return dir.resolve("ca.pem");
  }

  /**
   * A keystore {@code name}.p12 whose key entry {@code server} is signed by the authority for the
   * subject alternative names given as keytool writes them ({@code dns:host}, {@code ip:10.0.0.1}).
   */
  public Path server(String name, String... alternativeNames) throws Exception {
    return server(name, "-1H", 2, alternativeNames);
  }

  /** The same, valid from {@code start} (keytool's relative form, such as {@code -3d}) for {@code days}. */
  public Path server(String name, String start, int days, String... alternativeNames) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path request = dir.resolve(name + ".csr");
    Path signed = dir.resolve(name + ".crt");
    for (Path p : List.of(store, request, signed)) {
      Files.deleteIfExists(p);
    }
    keytool("-genkeypair", "-keystore", store.toString(), "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name);
    keytool("-certreq", "-keystore", store.toString(), "-alias", "server", "-file", request.toString());
    keytool("-gencert", "-keystore", dir.resolve("ca.p12").toString(), "-alias", "ca", "-infile", request.toString(),
        "-outfile", signed.toString(), "-startdate", start, "-validity", String.valueOf(days),
        "-ext", "SAN=" + String.join(",", alternativeNames), "-ext", "EKU=serverAuth", "-ext", "KU=digitalSignature");
    keytool("-importcert", "-noprompt", "-keystore", store.toString(), "-alias", "ca", "-file", authority().toString());
    keytool("-importcert", "-noprompt", "-keystore", store.toString(), "-alias", "server", "-file", signed.toString());
    return store;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
