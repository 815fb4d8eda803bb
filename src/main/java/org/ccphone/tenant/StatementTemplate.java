package org.ccphone.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A customer's SQL statement with its {Name} placeholders turned into JDBC parameters.
 *
 * <p>A placeholder is bound, never spliced: {@code '{USERNAME}'} (quoted, the quotes belong to the
 * placeholder) and {@code {AgentId}} (bare) both become {@code ?}. Quotes may be straight or the
 * typographic ones the contract's examples were written with. An unknown name is refused when the
 * tenant is loaded. Braces inside a longer literal ({@code 'https://crm/pop?ani={Ani}'}) are text,
 * not a parameter: that is how a Call Start returns a screen-pop Url template.
 */
public final class StatementTemplate {
  private final String source;
  private final String sql;
  private final List<Variable> parameters;

  private StatementTemplate(String source, String sql, List<Variable> parameters) {
    this.source = source;
    this.sql = sql;
    this.parameters = List.copyOf(parameters);
  }

  /** The statement as the customer wrote it. */
  public String source() {
    return source;
  }

  /** The statement as sent to the database, with one {@code ?} per placeholder. */
  public String sql() {
    return sql;
  }

  /** The variable bound to each {@code ?}, in order. */
  public List<Variable> parameters() {
    return parameters;
  }

  /**
   * Parses a statement for an event.
   *
   * @throws TemplateException naming the problem when a placeholder is unknown or not allowed for
   *     this event
   */
  public static StatementTemplate parse(String source, Set<Variable> allowed) {
    StringBuilder sql = new StringBuilder(source.length());
    List<Variable> parameters = new ArrayList<>();
    int i = 0;
    boolean inLiteral = false;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (isQuote(c)) {
        Placeholder quoted = placeholderAt(source, i + 1);
        if (!inLiteral && quoted != null && quoted.end < source.length() && isQuote(source.charAt(quoted.end))) {
          parameters.add(resolve(quoted.name, allowed));
          sql.append('?');
          i = quoted.end + 1;
          continue;
        }
        if (c == '\'') {
          inLiteral = !inLiteral;
        }
        sql.append(c);
        i++;
      } else if (c == '{') {
        Placeholder bare = placeholderAt(source, i);
        if (bare == null) {
          sql.append(c); // a JDBC escape such as {fn now()} or {ts '...'}
          i++;
          continue;
        }
        if (inLiteral) {
          // Text such as a screen-pop Url template ('https://crm/pop?ani={Ani}') that Call Start
          // returns for the phone to fill in: it stays as written, it is not a parameter.
          sql.append(source, i, bare.end);
          i = bare.end;
          continue;
        }
        parameters.add(resolve(bare.name, allowed));
        sql.append('?');
        i = bare.end;
      } else {
        sql.append(c);
        i++;
      }
    }
    return new StatementTemplate(source, sql.toString(), parameters);
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019';
  }

  private static Variable resolve(String name, Set<Variable> allowed) {
    Variable variable =
        Variable.byName(name)
            .orElseThrow(() -> new TemplateException("unknown variable {" + name + "}; allowed: " + names(allowed)));
    if (!allowed.contains(variable)) {
      throw new TemplateException(
          "variable {" + name + "} is not available in this event; allowed: " + names(allowed));
    }
    return variable;
  }

  private static String names(Set<Variable> allowed) {
    return allowed.stream().map(v -> "{" + v.name() + "}").collect(Collectors.joining(", "));
  }

  /** A {Name} starting at {@code start}, or null when the text there is not one. */
  private static Placeholder placeholderAt(String s, int start) {
    if (start >= s.length() || s.charAt(start) != '{') {
      return null;
    }
    int j = start + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j == start + 1 || j >= s.length() || s.charAt(j) != '}' || !Character.isLetter(s.charAt(start + 1))) {
      return null;
    }
    return new Placeholder(s.substring(start + 1, j), j + 1);
  }

  private record Placeholder(String name, int end) {}

  /** A statement that cannot become a safe parameterised query. */
  public static final class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
      super(message);
    }
  }
}
