package org.ccphone.tenant;

import java.sql.Types;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The contract's variables, with the JDBC type each is bound as. Names keep the contract's spelling. */
public enum Variable {
  Username(Types.VARCHAR),
  Password(Types.VARCHAR),
  LoginDateTime(Types.TIMESTAMP),
  LogoutDateTime(Types.TIMESTAMP),
  AwayTime(Types.INTEGER),
  BusyTime(Types.INTEGER),
  OnPhoneTime(Types.INTEGER),
  ReadyTime(Types.INTEGER),
  AgentId(Types.INTEGER),
  Dnis(Types.VARCHAR),
  Ani(Types.VARCHAR),
  CallerIdName(Types.VARCHAR),
  CallType(Types.INTEGER),
  Segment(Types.INTEGER),
  TalkTime(Types.INTEGER),
  HoldTime(Types.INTEGER),
  StartDateTime(Types.TIMESTAMP),
  ConnectDateTime(Types.TIMESTAMP),
  EndDateTime(Types.TIMESTAMP),
  TrueDuration(Types.INTEGER),
  CallId(Types.VARCHAR),
  Disposition(Types.VARCHAR),
  Notes(Types.VARCHAR);

  private static final Map<String, Variable> BY_LOWER_NAME =
      Arrays.stream(values())
          .collect(Collectors.toMap(v -> v.name().toLowerCase(Locale.ROOT), Function.identity()));

  private final int sqlType;

  Variable(int sqlType) {
    this.sqlType = sqlType;
  }

  /** A moment as customer events get it: the server's local wall-clock time, to the second. */
  public static java.time.LocalDateTime customerTime(java.time.Instant instant) {
    return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneId.systemDefault()).withNano(0);
  }

  public int sqlType() {
    return sqlType;
  }

  /** Variable names are case-insensitive: {USERNAME} == {Username}; a procedure's "@Username" matches too. */
  public static Optional<Variable> byName(String name) {
    String bare = name.startsWith("@") ? name.substring(1) : name;
    return Optional.ofNullable(BY_LOWER_NAME.get(bare.toLowerCase(Locale.ROOT)));
  }
}
