package org.ccphone.tenant.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The outbox table in the application's own database, through its entity; each method joins the
 * caller's transaction or has its own. Rows are inserted by {@link OutboxRows}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class OutboxStore {
  @PersistenceContext(unitName = "callcenter")
  EntityManager em;

  public List<OutboxMessage> due(Instant now, int max) {
    return em.createNamedQuery("OutboxMessage.due", OutboxMessage.class)
        .setParameter("now", OutboxMessage.utc(now))
        .setMaxResults(max)
        .getResultList();
  }

  /** Forgets delivered messages, in one statement per pass rather than one transaction each. */
  public void delivered(List<Long> ids) {
    if (!ids.isEmpty()) {
      em.createNamedQuery("OutboxMessage.delete").setParameter("ids", ids).executeUpdate();
    }
  }

  public void failed(long id, String error, Instant nextAttemptAt) {
    OutboxMessage message = em.find(OutboxMessage.class, id);
    if (message != null) {
      message.failed(error, nextAttemptAt);
    }
  }

  /** A statement failure; true when the message is now set aside. */
  public boolean rejected(long id, String error, Instant nextAttemptAt, int maxRejections, Instant now) {
    OutboxMessage message = em.find(OutboxMessage.class, id);
    if (message == null) {
      return false;
    }
    message.rejected(error, nextAttemptAt, maxRejections, now);
    return message.setAsideAt() != null;
  }

  /** The tenant's messages set aside, oldest first. */
  public List<OutboxMessage> setAside(String appId) {
    return em.createNamedQuery("OutboxMessage.setAside", OutboxMessage.class).setParameter("appId", appId)
        .getResultList();
  }

  /** Per appId: messages set aside. */
  public List<Object[]> setAsideCounts() {
    return em.createNamedQuery("OutboxMessage.setAsideCounts", Object[].class).getResultList();
  }

  /** Puts one set-aside message of the tenant back into delivery; false when there is none by that id. */
  public boolean replay(String appId, long id, Instant now) {
    OutboxMessage message = em.find(OutboxMessage.class, id);
    if (message == null || !message.appId().equals(appId) || message.setAsideAt() == null) {
      return false;
    }
    message.replay(now);
    return true;
  }

  /** Per appId: messages waiting and the creation time of the oldest. */
  public List<Object[]> pending() {
    return em.createNamedQuery("OutboxMessage.pending", Object[].class).getResultList();
  }
}
