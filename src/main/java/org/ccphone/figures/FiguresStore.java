package org.ccphone.figures;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The daily figures in the server's own database (table DAILY_FIGURES): counts are added, never
 * overwritten, so that several servers of one tenant add up. Plain SQL that H2 and PostgreSQL share.
 */
@ApplicationScoped
public class FiguresStore {
  private static final String ADD = "UPDATE DAILY_FIGURES SET OFFERED = OFFERED + ?, ANSWERED = ANSWERED + ?,"
      + " ABANDONED = ABANDONED + ?, OVERFLOWED = OVERFLOWED + ?, ANSWERED_IN_TIME = ANSWERED_IN_TIME + ?,"
      + " ANSWER_WAIT_MS = ANSWER_WAIT_MS + ? WHERE APP_ID = ? AND ON_DAY = ? AND KIND = ? AND NAME = ?";
  private static final String INSERT = "INSERT INTO DAILY_FIGURES (OFFERED, ANSWERED, ABANDONED, OVERFLOWED,"
      + " ANSWERED_IN_TIME, ANSWER_WAIT_MS, APP_ID, ON_DAY, KIND, NAME) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Resource(lookup = "jdbc/callcenter-app")
  DataSource db;

  /** Adds the counts in one transaction: all of them or, on an error, none. */
  void add(Map<FigureKey, DayFigures> counts) throws SQLException {
    try (Connection c = db.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement(ADD)) {
        for (var entry : counts.entrySet()) {
          bind(update, entry.getKey(), entry.getValue());
          if (update.executeUpdate() == 0) {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
              bind(insert, entry.getKey(), entry.getValue());
              insert.executeUpdate();
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  /**
   * Whether the database refused the row for what it holds (a value too long, a constraint: SQL
   * states of classes 22 and 23), which no retry will change, rather than for being unreachable.
   */
  static boolean rejects(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLDataException || e instanceof SQLIntegrityConstraintViolationException
        || (state != null && (state.startsWith("22") || state.startsWith("23")));
  }

  /** The tenant's stored figures of that day. */
  Map<FigureKey, DayFigures> day(String appId, LocalDate day) throws SQLException {
    Map<FigureKey, DayFigures> figures = new HashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT KIND, NAME, OFFERED, ANSWERED, ABANDONED, OVERFLOWED,"
            + " ANSWERED_IN_TIME, ANSWER_WAIT_MS FROM DAILY_FIGURES WHERE APP_ID = ? AND ON_DAY = ?")) {
      s.setString(1, appId);
      s.setObject(2, day);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          figures.put(new FigureKey(appId, day, FigureKey.Kind.valueOf(rows.getString(1)), rows.getString(2)),
              new DayFigures(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8)));
        }
      }
    }
    return figures;
  }

  private static void bind(PreparedStatement s, FigureKey key, DayFigures f) throws SQLException {
    s.setLong(1, f.offered());
    s.setLong(2, f.answered());
    s.setLong(3, f.abandoned());
    s.setLong(4, f.overflowed());
    s.setLong(5, f.answeredInTime());
    s.setLong(6, f.answerWaitMillis());
    s.setString(7, key.appId());
    s.setObject(8, key.day());
    s.setString(9, key.kind().name());
    s.setString(10, key.name());
  }
}
