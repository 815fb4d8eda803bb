package org.ccphone.tenant.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.ccphone.tenant.EventType;

/** An Agent Logout or Call End owed to a customer database, kept until it is delivered. */
@Entity
@Table(name = "OUTBOX_MESSAGE")
@NamedQuery(
    name = "OutboxMessage.due",
    query = "SELECT m FROM OutboxMessage m WHERE m.setAsideAt IS NULL AND m.nextAttemptAt <= :now ORDER BY m.id")
@NamedQuery(name = "OutboxMessage.delete", query = "DELETE FROM OutboxMessage m WHERE m.id IN :ids")
@NamedQuery(name = "OutboxMessage.pending",
    query = "SELECT m.appId, COUNT(m), MIN(m.createdAt) FROM OutboxMessage m WHERE m.setAsideAt IS NULL GROUP BY m.appId")
@NamedQuery(name = "OutboxMessage.setAsideCounts",
    query = "SELECT m.appId, COUNT(m) FROM OutboxMessage m WHERE m.setAsideAt IS NOT NULL GROUP BY m.appId")
@NamedQuery(name = "OutboxMessage.setAside",
    query = "SELECT m FROM OutboxMessage m WHERE m.appId = :appId AND m.setAsideAt IS NOT NULL ORDER BY m.id")
public class OutboxMessage {
  @Id // given by OutboxRows, which inserts every row, from the ID_GENERATOR table
  private Long id;

  @Column(name = "APP_ID", nullable = false, length = 64)
  private String appId;

  @Enumerated(EnumType.STRING)
  @Column(name = "EVENT", nullable = false, length = 32)
  private EventType event;

  // A CLOB (TEXT, NVARCHAR(MAX)) except on H2; bound as a string on every database (no @Lob: the
  // payload is a few hundred characters, and a LOB binding costs a stream per row).
  @Column(name = "PAYLOAD", nullable = false)
  private String payload;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt; // UTC

  @Column(name = "ATTEMPTS", nullable = false)
  private int attempts;

  @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
  private LocalDateTime nextAttemptAt; // UTC

  @Column(name = "LAST_ERROR", length = 2000)
  private String lastError;

  @Column(name = "REJECTIONS", nullable = false)
  private int rejections;

  @Column(name = "SET_ASIDE_AT")
  private LocalDateTime setAsideAt; // UTC; null while it is being delivered

  protected OutboxMessage() {}

  public OutboxMessage(String appId, EventType event, String payload, Instant now) {
    this.appId = appId;
    this.event = event;
    this.payload = payload;
    this.createdAt = utc(now);
    this.nextAttemptAt = utc(now);
  }

  public Long id() {
    return id;
  }

  public String appId() {
    return appId;
  }

  public EventType event() {
    return event;
  }

  public String payload() {
    return payload;
  }

  public int attempts() {
    return attempts;
  }

  public String lastError() {
    return lastError;
  }

  public int rejections() {
    return rejections;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  /** When it was set aside, or null. */
  public LocalDateTime setAsideAt() {
    return setAsideAt;
  }

  /** The customer's database refused the statement itself; after {@code max} such refusals it is set aside. */
  void rejected(String error, Instant nextAttemptAt, int max, Instant now) {
    failed(error, nextAttemptAt);
    rejections++;
    if (rejections >= max) {
      setAsideAt = utc(now);
    }
  }

  /** Back into delivery, now, with its count of rejections started again. */
  void replay(Instant now) {
    setAsideAt = null;
    rejections = 0;
    nextAttemptAt = utc(now);
  }

  void failed(String error, Instant nextAttemptAt) {
    this.attempts++;
    this.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 2000));
    this.nextAttemptAt = utc(nextAttemptAt);
  }

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
