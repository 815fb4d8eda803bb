package org.ccphone;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ccphone.agent.AgentSessions;
import org.ccphone.agent.PresenceListeners;
import org.ccphone.agent.SessionCheckpoints;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.lifecycle.CallDrain;
import org.ccphone.call.lifecycle.CallMetrics;
import org.ccphone.call.phone.PresenceEvents;
import org.ccphone.call.sip.InboundCalls;
import org.ccphone.figures.DailyFigures;
import org.ccphone.media.MediaPlane;
import org.ccphone.schema.SchemaMigrations;
import org.ccphone.tenant.TenantChecks;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.outbox.Outbox;
import org.ccphone.web.phone.ContainerIdleTimers;
import org.ccphone.web.phone.PhoneHub;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Start-up: migrates the application's own database, loads and checks the tenants, then starts
 * delivering the outbox. A broken tenant is reported, never a reason to fail the start.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Bootstrap {
  private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

  @Resource(lookup = "jdbc/callcenter-app")
  DataSource applicationDatabase;

  @Inject
  @ConfigProperty(name = "callcenter.tenants.dirs", defaultValue = "server-config/tenants")
  String tenantFolders;

  @Inject TenantRegistry tenants;
  @Inject TenantChecks checks;
  @Inject Outbox outbox;
  @Inject CallMetrics callMetrics;
  @Inject ContainerIdleTimers phoneSocketTimers;
  @Inject ServerTimers timers;
  @Inject InboundCalls calls;
  @Inject PresenceListeners presenceListeners;
  @Inject PhoneHub phones;
  @Inject PresenceEvents callsHearPresence;
  @Inject CallDrain drain;
  @Inject AgentSessions sessions;
  @Inject SessionRegistry registry;
  @Inject SessionCheckpoints checkpoints;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedThreadFactory threads;
  @Inject RoutingThread routing;
  @Inject DailyFigures figures;
  @Inject Instance<MediaPlane> mediaPlanes;
  private final AtomicBoolean stopped = new AtomicBoolean();

  @Inject
  @ConfigProperty(name = "callcenter.presence.checkpointSeconds", defaultValue = "5")
  int checkpointSeconds;

  @Inject
  @ConfigProperty(name = "callcenter.figures.flushMillis", defaultValue = "1000")
  int figuresFlushMillis;

  private ScheduledFuture<?> checkpointTask;
  private ScheduledFuture<?> figuresTask;

  @PostConstruct
  void start() {
    // The phones and the calls hear of presence; they sign up rather than being injected into it.
    presenceListeners.listen(phones);
    presenceListeners.listen(callsHearPresence);
    try {
      SchemaMigrations.apply(applicationDatabase, "liquibase/app/changelog.xml", "default");
    } catch (Exception e) {
      // Without its own database the server cannot keep what it owes customers: refuse to start.
      throw new IllegalStateException("cannot migrate the application database jdbc/callcenter-app", e);
    }
    List<Path> folders = Arrays.stream(tenantFolders.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
    tenants.load(folders);
    tenants.all().forEach(checks::check);
    try {
      int recovered = sessions.recoverOrphans();
      if (recovered > 0) {
        LOG.warning(recovered + " agent sessions were open when the server last stopped; their Agent Logout is on its way");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the session checkpoints of jdbc/callcenter-app", e);
    }
    outbox.start();
    callMetrics.register();
    phoneSocketTimers.register();
    routing.execute(() -> { }); // created now, in the application's context: a stop must not have to create it
    timers.schedule(() -> { }, 0, TimeUnit.SECONDS); // its thread made now, in the application's context
    checkpointTask = scheduler.scheduleWithFixedDelay(this::checkpoint, checkpointSeconds, checkpointSeconds, TimeUnit.SECONDS);
    figuresTask = scheduler.scheduleWithFixedDelay(figures::flush, figuresFlushMillis, figuresFlushMillis, TimeUnit.MILLISECONDS);
    if (mediaPlanes.isResolvable()) {
      mediaPlanes.get().unavailable(); // starts reaching the media server now, not at the first call
    }
    calls.open();
    GracefulStop.install(threads, this::stop);
    LOG.info("call center started with tenants " + tenants.all().stream().map(t -> t.appId() + (t.usable() ? "" : " (DOWN)")).toList());
  }

  @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
  void endExpiredSessions() {
    sessions.endExpired();
  }

  /** Saves every changed session ledger and the heartbeat: a crash loses at most this interval. */
  void checkpoint() {
    try {
      checkpoints.checkpoint(registry.all(), Instant.now());
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "session checkpoint failed; retrying in " + checkpointSeconds + " s", e);
    }
  }

  /**
   * A graceful stop (SIGTERM, undeploy): calls drain first (their Call End rows stored), then every
   * open agent session ends with its Agent Logout in the outbox, then the outbox stops.
   */
  @PreDestroy
  void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return; // the graceful stop ran already; this is the container's undeployment after it
    }
    LOG.info("call center stopping");
    GracefulStop.uninstall();
    try {
      drain.drain();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "the calls could not be drained", e);
    }
    Instant now = Instant.now();
    int ended = 0;
    for (var session : List.copyOf(registry.all())) {
      try {
        if (sessions.end(session, now, "server stopping", null)) {
          ended++;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Agent Logout of agent " + session.agent().agentId() + " not stored; the next start writes it", e);
      }
    }
    LOG.info(ended + " agent sessions ended with the server");
    if (checkpointTask != null) {
      checkpointTask.cancel(false);
    }
    checkpoint();
    if (figuresTask != null) {
      figuresTask.cancel(false);
    }
    figures.flush();
    outbox.stop();
  }
}
