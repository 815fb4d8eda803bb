package org.ccphone.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the keystore before the server serves it, for scripts/run and the deployment script:
 * {@code java -cp <classes> org.ccphone.tls.TlsIdentityCheck <keystore> <alias or -> [host ...]}
 * with the password in the environment variable {@code CALLCENTER_KEYSTORE_PASSWORD}. Prints the
 * certificate's names, expiry and SHA-256 fingerprint; exits 1 with the reason when browsers would
 * refuse it (missing, unreadable, expired, not for one of the hosts).
 */
public final class TlsIdentityCheck {
  private TlsIdentityCheck() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: TlsIdentityCheck <keystore.p12> <alias or -> [host ...]  (password in CALLCENTER_KEYSTORE_PASSWORD)");
      System.exit(2);
    }
    String password = Optional.ofNullable(System.getenv("CALLCENTER_KEYSTORE_PASSWORD")).orElse("");
    Optional<String> alias = Optional.of(args[1]).filter(a -> !a.equals("-"));
    List<String> hosts = Arrays.asList(args).subList(2, args.length);
    try {
      TlsIdentity identity = TlsIdentity.load(Path.of(args[0]), password.toCharArray(), alias);
      Instant now = Instant.now();
      List<String> problems = identity.problems(now, hosts);
      if (!problems.isEmpty()) {
        problems.forEach(problem -> System.err.println("HTTPS: " + problem + " (" + args[0] + ")"));
        System.exit(1);
      }
      System.out.println("certificate: " + identity.alias() + " for " + identity.names() + ", valid until " + identity.notAfter());
      if (identity.expiresWithin(now, Duration.ofDays(30))) {
        System.out.println("warning: the certificate expires on " + identity.notAfter() + "; renew it before then");
      }
      System.out.println("fingerprint (SHA-256): " + identity.fingerprint());
      identity.agentsHost().ifPresent(host -> System.out.println("for agents: " + host));
    } catch (TlsIdentityException e) {
      System.err.println("HTTPS: " + e.getMessage());
      System.exit(1);
    }
  }
}
