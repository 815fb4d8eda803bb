package org.ccphone.figures;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.ServerStorageException;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;

/**
 * Today's figures per queue and per agent, counted by the server itself (the Call End rows go to the
 * customer's database, out of its reach). The routing thread counts into memory; {@link #flush()}
 * adds what was counted to the server's database every second, so that a restart keeps the day.
 * A queue is the set of skills a call asks for; a call is counted on the day, in the tenant's time
 * zone, it entered the queue.
 */
@ApplicationScoped
public class DailyFigures {
  private static final Logger LOG = Logger.getLogger(DailyFigures.class.getName());
  /** The queue of calls that ask for no skill. */
  public static final String GENERAL = "general";

  @Inject TenantRegistry tenants;
  @Inject FiguresStore store;

  /** Counted, not yet in the database. */
  private final ConcurrentMap<FigureKey, DayFigures> pending = new ConcurrentHashMap<>();
  private volatile boolean failing;

  /** A tenant's figures of one day. */
  public record Today(LocalDate day, ZoneId timeZone, int serviceLevelSeconds, Map<String, DayFigures> queues,
      Map<Integer, DayFigures> agents) {
    public DayFigures total() {
      return queues.values().stream().reduce(DayFigures.NONE, DayFigures::plus);
    }
  }

  /** The queue a call with these skills waits in: its skills in order, joined by "+". */
  public static String queueOf(List<String> skills) {
    return skills == null || skills.isEmpty() ? GENERAL : String.join("+", skills.stream().sorted().distinct().toList());
  }

  public void queued(String appId, List<String> skills, Instant queuedAt) {
    count(appId, queuedAt, FigureKey.Kind.QUEUE, queueOf(skills), DayFigures.offer());
  }

  public void offered(String appId, int agentId, Instant queuedAt) {
    count(appId, queuedAt, FigureKey.Kind.AGENT, String.valueOf(agentId), DayFigures.offer());
  }

  public void answered(String appId, List<String> skills, int agentId, Instant queuedAt, Instant answeredAt) {
    long wait = Math.max(0, answeredAt.toEpochMilli() - queuedAt.toEpochMilli());
    DayFigures answer = DayFigures.answer(wait, wait <= reporting(appId).serviceLevelSeconds() * 1000L);
    count(appId, queuedAt, FigureKey.Kind.QUEUE, queueOf(skills), answer);
    count(appId, queuedAt, FigureKey.Kind.AGENT, String.valueOf(agentId), answer);
  }

  /** The caller hung up before an answer; {@code ringingAt} the agent it rang at then, or null. */
  public void abandoned(String appId, List<String> skills, Integer ringingAt, Instant queuedAt) {
    count(appId, queuedAt, FigureKey.Kind.QUEUE, queueOf(skills), DayFigures.abandon());
    if (ringingAt != null) {
      count(appId, queuedAt, FigureKey.Kind.AGENT, String.valueOf(ringingAt), DayFigures.abandon());
    }
  }

  public void overflowed(String appId, List<String> skills, Instant queuedAt) {
    count(appId, queuedAt, FigureKey.Kind.QUEUE, queueOf(skills), DayFigures.overflow());
  }

  private void count(String appId, Instant at, FigureKey.Kind kind, String name, DayFigures figures) {
    pending.merge(new FigureKey(appId, LocalDate.ofInstant(at, reporting(appId).timeZone()), kind, name), figures, DayFigures::plus);
  }

  /** Adds what was counted to the database; on a failure it stays counted for the next flush. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<FigureKey, DayFigures> taken = new HashMap<>();
    for (FigureKey key : List.copyOf(pending.keySet())) {
      DayFigures figures = pending.remove(key);
      if (figures != null) {
        taken.put(key, figures);
      }
    }
    try {
      store.add(taken);
      if (failing) {
        LOG.info("the daily figures are stored again");
        failing = false;
      }
    } catch (SQLException | RuntimeException e) {
      taken.forEach((key, figures) -> pending.merge(key, figures, DayFigures::plus));
      if (!failing) {
        LOG.log(Level.WARNING, "the daily figures cannot be stored; kept in memory and retried", e);
        failing = true;
      }
    }
  }

  /** The tenant's figures today (in its time zone): what is stored plus what is still counted in memory. */
  public Today today(String appId) {
    TenantConfig.Reporting reporting = reporting(appId);
    LocalDate day = LocalDate.now(reporting.timeZone());
    Map<FigureKey, DayFigures> all;
    try {
      all = new HashMap<>(store.day(appId, day));
    } catch (SQLException e) {
      throw new ServerStorageException("the server cannot read its daily figures", e);
    }
    pending.forEach((key, figures) -> {
      if (key.appId().equals(appId) && key.day().equals(day)) {
        all.merge(key, figures, DayFigures::plus);
      }
    });
    Map<String, DayFigures> queues = new TreeMap<>();
    Map<Integer, DayFigures> agents = new TreeMap<>();
    all.forEach((key, figures) -> {
      if (key.kind() == FigureKey.Kind.QUEUE) {
        queues.put(key.name(), figures);
      } else {
        agents.put(Integer.valueOf(key.name()), figures);
      }
    });
    return new Today(day, reporting.timeZone(), reporting.serviceLevelSeconds(), queues, agents);
  }

  private TenantConfig.Reporting reporting(String appId) {
    return tenants.find(appId).map(t -> t.config() == null ? null : t.config().reporting())
        .orElseGet(TenantConfig.Reporting::defaults);
  }
}
