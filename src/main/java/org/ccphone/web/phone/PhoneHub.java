package org.ccphone.web.phone;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.Presence;
import org.ccphone.agent.PresenceListener;
import org.ccphone.call.AgentPhones;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open phones: each agent's own, and the supervisors of each tenant. Pushes every state change
 * to the agent and to the supervisors of the same tenant, never to another tenant.
 */
@ApplicationScoped
public class PhoneHub implements PresenceListener, AgentPhones {
  private final Set<PhoneConnection> open = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<String, OwnPhones> byToken = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "callcenter.phone.idleSeconds", defaultValue = "60")
  int idleSeconds;

  /** A socket that has not said hello within this is closed: it holds a connection for nothing. */
  @Inject
  @ConfigProperty(name = "callcenter.phone.helloSeconds", defaultValue = "5")
  int helloSeconds;

  /** The frames a phone may send per second, and at once ({@link FrameBudget}). */
  @Inject
  @ConfigProperty(name = "callcenter.phone.framesPerSecond", defaultValue = "20")
  int framesPerSecond;

  @Inject
  @ConfigProperty(name = "callcenter.phone.frameBurst", defaultValue = "60")
  int frameBurst;

  /** A write to a phone that takes longer than this closes the phone: it stopped reading. */
  @Inject
  @ConfigProperty(name = "callcenter.phone.writeTimeoutMillis", defaultValue = "5000")
  long writeTimeoutMillis;

  /**
   * The threads that write frames to phones. Not a managed executor: Payara captures the thread
   * context for every task submitted to one, looking thread context providers up through the
   * service loader of the thread's context class loader, which scans every jar of the server; and
   * the WebSocket container does the same for every frame sent, from the sending thread. These
   * threads do nothing but socket writes, and their context class loader is the platform's, so both
   * lookups stay cheap.
   */
  private final ExecutorService writers = writerThreads(2, "phone-writer");
  /** Frames of an agent's own phone (offers, call frames) never queue behind supervisors' traffic. */
  private final ExecutorService urgentWriters = writerThreads(1, "phone-writer-urgent");

  private static ExecutorService writerThreads(int count, String name) {
    return Executors.newFixedThreadPool(count, task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
      return thread;
    });
  }

  PhoneConnection connection(jakarta.websocket.Session ws) {
    return new PhoneConnection(ws, urgentWriters, writers, writeTimeoutMillis,
        new FrameBudget(framesPerSecond, frameBurst, 100, System.nanoTime()));
  }

  @PreDestroy
  void stop() {
    writers.shutdownNow();
    urgentWriters.shutdownNow();
  }

  void opened(PhoneConnection connection) {
    open.add(connection);
    if (sweeping.compareAndSet(false, true)) {
      scheduler.scheduleWithFixedDelay(this::closeDeadPhones, 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * A phone that sent nothing (not even a ping) for idleSeconds is gone, and one whose write has
   * been stuck past the write timeout stopped reading: both are closed, as a lost connection. A
   * socket that never said hello is closed after helloSeconds.
   */
  void closeDeadPhones() {
    long silence = TimeUnit.SECONDS.toNanos(idleSeconds);
    long stuck = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis);
    long hello = TimeUnit.SECONDS.toNanos(helloSeconds);
    for (PhoneConnection connection : open) {
      if (connection.session() == null && connection.openFor() > hello) {
        connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "no hello within " + helloSeconds + " s"));
      } else if (connection.silentFor() > silence) {
        connection.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "silent for " + idleSeconds + " s"));
      } else if (connection.writingFor() > stuck) {
        connection.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "not reading its messages"));
      }
    }
  }
  private final ConcurrentMap<String, Set<PhoneConnection>> supervisorsByApp = new ConcurrentHashMap<>();

  /** A phone said hello; true when it is the agent's phone (the one that rings), its first. */
  boolean attach(PhoneConnection connection, AgentSession session) {
    boolean owner = byToken.computeIfAbsent(session.token(), t -> new OwnPhones()).add(connection);
    if (session.agent().supervisor()) {
      supervisorsByApp.computeIfAbsent(session.appId(), a -> ConcurrentHashMap.newKeySet()).add(connection);
    }
    return owner;
  }

  /** Whether this connection is its agent's phone: the one calls and media go to. */
  boolean isOwner(PhoneConnection connection) {
    AgentSession session = connection.session();
    OwnPhones own = session == null ? null : byToken.get(session.token());
    return own != null && own.isOwner(connection);
  }

  /**
   * Another tab of the agent takes the phone over: calls ring there from now. True when the phone
   * moved, so that the calls hear of it (the old browser's media are gone with its role).
   */
  boolean takeOver(PhoneConnection connection) {
    OwnPhones own = byToken.get(connection.session().token());
    OwnPhones.Moved moved = own == null ? null : own.takeOver(connection);
    return moved != null && phoneMoved(moved);
  }

  /** Tells both tabs; true when a tab is the phone now. */
  private boolean phoneMoved(OwnPhones.Moved moved) {
    if (moved.from() != null && moved.from().session() != null) {
      moved.from().send(PhoneFrames.phone(false));
    }
    if (moved.to() != null) {
      moved.to().send(PhoneFrames.phone(true));
      return true;
    }
    return false;
  }

  /** A phone closed; true when another tab of the agent is the phone now, so that the calls hear of it. */
  boolean detach(PhoneConnection connection) {
    open.remove(connection);
    AgentSession session = connection.session();
    if (session == null) {
      return false;
    }
    boolean movedOn = false;
    OwnPhones own = byToken.get(session.token());
    if (own != null) {
      OwnPhones.Moved moved = own.remove(connection);
      byToken.computeIfPresent(session.token(), (t, phones) -> phones.isEmpty() ? null : phones);
      if (moved != null && moved.to() != null && !session.ended()) {
        movedOn = phoneMoved(new OwnPhones.Moved(null, moved.to())); // the tab that had it is gone
      }
    }
    Set<PhoneConnection> supervisors = supervisorsByApp.get(session.appId());
    if (supervisors != null) {
      supervisors.remove(connection);
    }
    return movedOn;
  }

  @Override
  public void stateChanged(AgentSession session, Presence presence) {
    broadcast(session, PhoneFrames.state(session, presence));
  }

  @Override
  public void sessionEnded(AgentSession session, String why, String by) {
    String frame = PhoneFrames.loggedOut(session, why, by);
    broadcast(session, frame);
    OwnPhones own = byToken.remove(session.token());
    if (own != null) {
      own.all().forEach(c -> c.closeAfterWriting(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "logged out")));
    }
  }

  /** Calls and media go to the agent's phone only: the one tab that rings and holds the media. */
  @Override
  public void send(AgentSession agent, String frame) {
    OwnPhones own = byToken.get(agent.token());
    PhoneConnection phone = own == null ? null : own.owner();
    if (phone != null) {
      phone.send(frame);
    }
  }

  @Override
  public void sendError(AgentSession agent, String code, String message) {
    send(agent, PhoneFrames.error(code, message));
  }

  /** States and logouts go to every tab of the agent and to the tenant's supervisors. */
  private void broadcast(AgentSession session, String frame) {
    OwnPhones own = byToken.get(session.token());
    if (own != null) {
      own.all().forEach(c -> c.send(frame));
    }
    for (PhoneConnection supervisor : supervisorsByApp.getOrDefault(session.appId(), Set.of())) {
      if (own == null || !own.contains(supervisor)) {
        supervisor.sendBroadcast(frame);
      }
    }
  }
}
