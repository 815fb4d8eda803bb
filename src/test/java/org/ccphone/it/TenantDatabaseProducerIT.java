package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.tenant.TenantDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside the server: the CDI producer hands out each tenant's datasource behind its qualifier. */
@ExtendWith({CustomerDatabases.class, ArquillianExtension.class})
class TenantDatabaseProducerIT {

  @Deployment
  static WebArchive application() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(CustomerDatabases.build().toFile(), "callcenter.war"))
        .addClass(TenantDatabaseProducerIT.class)
        .addClasses(CustomerDatabases.class, org.ccphone.support.H2Server.class, org.ccphone.support.PostgresServer.class);
  }

  @Inject
  @TenantDatabase("demo")
  DataSource demo;

  @Inject
  @TenantDatabase("pgtest")
  DataSource pgtest;

  @Test
  void eachAppIdGetsItsOwnCustomerDatabase() throws Exception {
    try (Connection c = demo.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select Username from [user] where AgentId = 1001")) {
      assertTrue(rs.next());
      assertEquals("agent1", rs.getString(1));
    }
    try (Connection c = pgtest.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select username from agent where agent_id = 3001")) {
      assertTrue(rs.next());
      assertEquals("pgagent", rs.getString(1));
    }
  }
}
