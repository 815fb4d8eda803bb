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
import java.util.Optional;
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
  /** Counted, refused by the database for what the key is: still shown today, never retried. */
  private final ConcurrentMap<FigureKey, SetAside> setAside = new ConcurrentHashMap<>();

  /** Figures of one key the database refused, and why. */
  private record SetAside(DayFigures figures, String reason) {}

  /** A tenant's keys the database refused. */
  public record Refused(int keys, String reason) {}

  /** A tenant's figures of one day. */
  public record Today(LocalDate day, ZoneId timeZone, int serviceLevelSeconds, Map<String, DayFigures> queues,
      Map<Integer, DayFigures> agents) {
    public DayFigures total() {
      return queues.values().stream().reduce(DayFigures.NONE, DayFigures::plus);
    }
  }

  /** The queue a call with these skills waits in: its skills in order, in lower case (skills match so), joined by "+". */
  public static String queueOf(List<String> skills) {
    return skills == null || skills.isEmpty() ? GENERAL
        : String.join("+", skills.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).sorted().distinct().toList());
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

  /**
   * Adds what was counted to the database, all keys in one transaction. When the database refuses
   * it for what a key holds (too long, a constraint), each key is tried alone and the one refused is
   * set aside, so that it never holds back the other keys or tenants; on any other failure (the
   * database is down) every key stays counted for the next flush.
   */
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
      stored();
    } catch (SQLException | RuntimeException all) {
      if (all instanceof SQLException sql && FiguresStore.rejects(sql)) {
        eachOnItsOwn(taken); // one key's values are refused: find which, and store the rest
      } else {
        taken.forEach((key, figures) -> pending.merge(key, figures, DayFigures::plus));
        notStored(all); // the database is away: trying each key would only wait for it again
      }
    }
  }

  private void eachOnItsOwn(Map<FigureKey, DayFigures> taken) {
    boolean allDecided = true;
    for (var entry : taken.entrySet()) {
      try {
        store.add(Map.of(entry.getKey(), entry.getValue()));
      } catch (SQLException | RuntimeException e) {
        if (e instanceof SQLException sql && FiguresStore.rejects(sql)) {
          setAside(entry.getKey(), entry.getValue(), sql);
        } else {
          pending.merge(entry.getKey(), entry.getValue(), DayFigures::plus);
          notStored(e);
          allDecided = false;
        }
      }
    }
    if (allDecided) {
      stored();
    }
  }

  private void stored() {
    if (failing) {
      LOG.info("the daily figures are stored again");
      failing = false;
    }
  }

  private void notStored(Exception e) {
    if (!failing) {
      LOG.log(Level.WARNING, "the daily figures cannot be stored; kept in memory and retried", e);
      failing = true;
    }
  }

  private void setAside(FigureKey key, DayFigures figures, SQLException why) {
    String reason = key.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviated(key.name())
        + " of " + key.day() + ": " + why.getMessage();
    SetAside before = setAside.get(key);
    setAside.put(key, new SetAside(before == null ? figures : before.figures().plus(figures), reason));
    if (before == null) {
      LOG.warning("the daily figures of " + key.appId() + ", " + reason + ", were refused by the database;"
          + " set aside (kept in memory until a restart) while the others are stored");
    }
  }

  private static String abbreviated(String name) {
    return name.length() <= 64 ? name : name.substring(0, 64) + "…";
  }

  /** A tenant's figures the database refused: how many keys, and why one of them was. */
  public Optional<Refused> refused(String appId) {
    List<SetAside> own = setAside.entrySet().stream().filter(e -> e.getKey().appId().equals(appId))
        .map(Map.Entry::getValue).toList();
    return own.isEmpty() ? Optional.empty() : Optional.of(new Refused(own.size(), own.get(0).reason()));
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
    setAside.forEach((key, aside) -> {
      if (key.appId().equals(appId) && key.day().equals(day)) {
        all.merge(key, aside.figures(), DayFigures::plus);
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
