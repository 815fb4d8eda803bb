package org.ccphone.tenant;

/** How a tenant answers one event: a SQL statement template or a stored procedure's name. */
public sealed interface EventDefinition {

  /** A statement whose placeholders are bound as JDBC parameters. */
  record Statement(StatementTemplate template) implements EventDefinition {}

  /** A stored procedure called with the contract parameters it declares, by name. */
  record Procedure(String name) implements EventDefinition {}
}
