package org.ccphone.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The demo customer database's CallLog rows, read by the tests. */
public final class CallLogs {
  private CallLogs() {}

  /** The AgentId of every CallLog row of calls from this ANI, in the tests' demo database. */
  public static List<Integer> agentIds(String ani) throws Exception {
    return agentIds(CustomerDatabases.DEMO, ani);
  }

  /** The same, in the demo database of another H2 server. */
  public static List<Integer> agentIds(H2Server server, String ani) throws Exception {
    try (Connection c = server.connect("demo");
        PreparedStatement s = c.prepareStatement("select AgentId from CallLog where ANI = ?")) {
      s.setString(1, ani);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
      return ids;
    }
  }

  /** One CallLog row's figures. */
  public record Row(int agentId, int segment, int talkTime, int holdTime, int trueDuration) {}

  /** The rows of calls from this ANI, in the demo database of that H2 server. */
  public static List<Row> rows(H2Server server, String ani) throws Exception {
    try (Connection c = server.connect("demo");
        PreparedStatement s = c.prepareStatement("select AgentId, Segment, TalkTime, HoldTime, TrueDuration from CallLog where ANI = ?")) {
      s.setString(1, ani);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
        }
      }
      return rows;
    }
  }
}
