package org.ccphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server configuration (Payara's post-boot commands) of a test that starts the product as its
 * own process: the SIP resource adapter, then each datasource as a pool of its own.
 */
public final class PostBoot {
  private final List<String> commands = new ArrayList<>();

  public PostBoot() {
    commands.add("deploy --name callcenter-sip " + CustomerDatabases.build().toAbsolutePath().resolve("callcenter-sip.rar"));
  }

  /** The H2 database {@code database} (with its URL options) of the H2 server on {@code port}, as {@code jndi}. */
  public PostBoot h2Server(String pool, String jndi, int port, String database, String... poolOptions) {
    return pool(pool, jndi, "jdbc\\:h2\\:tcp\\://127.0.0.1\\:" + port + "/" + database + ":user=sa:password=sa", poolOptions);
  }

  /** An embedded H2 file database, as {@code jndi}. */
  public PostBoot h2File(String pool, String jndi, Path file) {
    return pool(pool, jndi, "jdbc\\:h2\\:file\\:" + file.toString().replace(":", "\\:") + ";WRITE_DELAY\\=0");
  }

  private PostBoot pool(String pool, String jndi, String url, String... options) {
    commands.add("create-jdbc-connection-pool " + String.join(" ", options) + (options.length > 0 ? " " : "")
        + "--datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource --property url=" + url + " " + pool);
    commands.add("create-jdbc-resource --connectionpoolid " + pool + " " + jndi);
    return this;
  }

  /** Writes the commands to {@code file} and returns it. */
  public Path write(Path file) throws IOException {
    Files.writeString(file, String.join("\n", commands) + "\n");
    return file;
  }
}
