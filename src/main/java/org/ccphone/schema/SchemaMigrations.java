package org.ccphone.schema;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Applies a Liquibase changelog shipped in the WAR (from the project's liquibase/ folder) to a datasource. */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  /**
   * @param contexts Liquibase contexts to run besides the unmarked change sets ("loadtest" adds the
   *     load agents of the demo tenant)
   */
  public static void apply(DataSource dataSource, String changelog, String contexts) throws SQLException, LiquibaseException {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      try (Liquibase liquibase = new Liquibase(
          changelog, new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader()), database)) {
        liquibase.update(new Contexts(contexts), new LabelExpression());
      }
    } catch (LiquibaseException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof SQLException s) {
        throw s;
      }
      throw new LiquibaseException(e);
    }
  }
}
