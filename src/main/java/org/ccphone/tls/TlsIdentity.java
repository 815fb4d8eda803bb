package org.ccphone.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.ccphone.net.Networks;

/** The certificate of a PKCS#12 keystore's key entry, and what a browser would think of it. */
public record TlsIdentity(String alias, X509Certificate certificate) {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  /**
   * The key entry {@code alias} of the keystore, or its only key entry when no alias is given.
   *
   * @throws TlsIdentityException saying plainly what is wrong: no file, a wrong password, no key
   */
  public static TlsIdentity load(Path keystore, char[] password, Optional<String> alias) throws TlsIdentityException {
    if (!Files.isRegularFile(keystore)) {
      throw new TlsIdentityException("the keystore " + keystore + " does not exist or is not a file");
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(keystore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsIdentityException("the keystore " + keystore + " cannot be read as PKCS#12 with the password given ("
          + e.getMessage() + ")");
    }
    try {
      List<String> keys = new ArrayList<>();
      for (String name : Collections.list(store.aliases())) {
        if (store.isKeyEntry(name)) {
          keys.add(name);
        }
      }
      String chosen = alias.filter(a -> !a.isBlank()).orElse(keys.size() == 1 ? keys.get(0) : null);
      if (chosen == null) {
        throw new TlsIdentityException("the keystore " + keystore + " holds " + keys.size()
            + " private keys " + keys + "; name the one to serve");
      }
      if (!store.isKeyEntry(chosen) || !(store.getCertificate(chosen) instanceof X509Certificate certificate)) {
        throw new TlsIdentityException("the keystore " + keystore + " has no private key named " + chosen + " (it has " + keys + ")");
      }
      return new TlsIdentity(chosen, certificate);
    } catch (GeneralSecurityException e) {
      throw new TlsIdentityException("the keystore " + keystore + " cannot be read: " + e.getMessage());
    }
  }

  /** The names and addresses the certificate is for (subject alternative names, else its common name). */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == SAN_DNS || type == SAN_IP) {
            names.add(String.valueOf(entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // unreadable extension: fall back on the common name, as below
    }
    if (names.isEmpty()) {
      commonName().ifPresent(names::add);
    }
    return names;
  }

  private Optional<String> commonName() {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      // no common name to offer
    }
    return Optional.empty();
  }

  /**
   * The name agents on other machines would open: the certificate's first DNS name that is neither
   * localhost nor a wildcard, else its first address that is not loopback.
   */
  public Optional<String> agentsHost() {
    List<String> names = names();
    Optional<String> dns = names.stream().filter(n -> !Networks.isLiteral(n) && !n.startsWith("*.")
        && !n.equalsIgnoreCase("localhost")).findFirst();
    return dns.or(() -> names.stream().filter(n -> Networks.isLiteral(n) && !Networks.isLoopback(n)).findFirst());
  }

  /** Whether a browser asking for {@code host} (a DNS name or an IP literal) would take this certificate's names. */
  public boolean isFor(String host) {
    byte[] address = Networks.literal(host);
    for (String name : names()) {
      if (address != null) {
        byte[] other = Networks.literal(name);
        if (other != null && MessageDigest.isEqual(address, other)) {
          return true;
        }
      } else if (dnsMatches(name.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** A wildcard stands for exactly one left-most label, as browsers read it. */
  private static boolean dnsMatches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
    }
    return pattern.equals(host);
  }

  /** SHA-256 of the certificate, as browsers show it: upper-case hex pairs with colons. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /**
   * What keeps browsers from taking this certificate at {@code now} for {@code hosts} (each a name
   * an agent types), in plain words; empty when nothing does.
   */
  public List<String> problems(Instant now, List<String> hosts) {
    List<String> problems = new ArrayList<>();
    if (now.isAfter(notAfter())) {
      problems.add("the certificate expired on " + notAfter() + "; browsers refuse it");
    }
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      problems.add("the certificate is valid only from " + certificate.getNotBefore().toInstant() + "; browsers refuse it until then");
    }
    for (String host : hosts) {
      if (!isFor(host)) {
        problems.add("the certificate is for " + names() + ", not for " + host + "; browsers opening https://" + host + " refuse it");
      }
    }
    return problems;
  }

  /** Whether it expires within {@code margin} of {@code now}: worth a warning at every start. */
  public boolean expiresWithin(Instant now, Duration margin) {
    return !now.isAfter(notAfter()) && now.plus(margin).isAfter(notAfter());
  }
}
