package org.ccphone.it;

import java.io.File;
import java.net.URL;
import org.ccphone.support.Api;
import org.ccphone.support.CustomerDatabases;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that drive the packaged WAR over HTTP on a Payara Micro started by Arquillian,
 * with the customer databases of {@link CustomerDatabases} already running.
 */
@ExtendWith({CustomerDatabases.class, ArquillianExtension.class})
@RunAsClient
abstract class ArquillianIT {

  @Deployment(testable = false)
  static WebArchive application() {
    // The packaged WAR, plus the test double of the media plane (test code only; see LoopbackMediaPlane).
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(CustomerDatabases.build().toFile(), "callcenter.war"))
        .addClass(org.ccphone.media.LoopbackMediaPlane.class);
  }

  @ArquillianResource URL base;

  Api api() {
    return new Api(base);
  }
}
