package org.ccphone.sip.ra.stack;

import gov.nist.core.net.SecurityManagerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SIP stack's own keys, read from the keystore named in the stack's properties: JAIN-SIP's
 * default provider reads the JVM-wide {@code javax.net.ssl} system properties, which belong to the
 * application server's HTTPS. The stack trusts what its keystore holds.
 */
public final class StackKeyStore implements SecurityManagerProvider {
  static final String KEY_STORE = "javax.net.ssl.keyStore";
  static final String PASSWORD = "javax.net.ssl.keyStorePassword";
  static final String TYPE = "javax.net.ssl.keyStoreType";

  private KeyManager[] keys = new KeyManager[0];
  private TrustManager[] trust;

  @Override
  public void init(Properties stack) throws GeneralSecurityException, IOException {
    String path = stack.getProperty(KEY_STORE);
    char[] password = stack.getProperty(PASSWORD, "").toCharArray();
    KeyStore store = KeyStore.getInstance(stack.getProperty(TYPE, "PKCS12"));
    if (path == null) {
      store.load(null, null);
    } else {
      try (InputStream in = Files.newInputStream(Path.of(path))) {
        store.load(in, password);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      keys = kmf.getKeyManagers();
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    trust = tmf.getTrustManagers();
  }

  @Override
  public KeyManager[] getKeyManagers(boolean client) {
    return keys;
  }

  @Override
  public TrustManager[] getTrustManagers(boolean client) {
    return trust;
  }
}
