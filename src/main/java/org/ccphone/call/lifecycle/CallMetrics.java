package org.ccphone.call.lifecycle;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.ccphone.call.CallAdmission;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.end.CallEndWriter;
import org.ccphone.call.end.CallEnds;
import org.ccphone.call.end.RecordingFailures;
import org.ccphone.call.monitor.MonitorAudit;
import org.ccphone.call.sip.CallStart;
import org.ccphone.call.sip.InboundCalls;
import org.ccphone.call.sip.SipInbound;
import org.ccphone.call.sip.SipRefusals;
import org.ccphone.health.TenantHealth;
import org.ccphone.media.MediaPlane;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipConnectionFactory;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The call side's figures under /metrics: calls in progress, Call Start failures, calls refused
 * above the limits or by admission (and why), and what the SIP stack holds (a call that ended must leave no dialog or
 * transaction behind).
 */
@ApplicationScoped
public class CallMetrics {
  @Inject MetricRegistry registry;
  @Inject CallRegistry calls;
  @Inject CallStart callStart;
  @Inject InboundCalls inbound;
  @Inject SipRefusals sipRefusals;
  @Inject CallEndWriter callEnds;
  @Inject CallEnds ends;
  @Inject TenantHealth health;
  @Inject CallAdmission admission;
  @Inject RecordingFailures recordingFailures;
  @Inject MonitorAudit monitorAudit;
  @Inject Instance<MediaPlane> mediaPlanes;
  @Resource(lookup = SipInbound.CONNECTIONS) SipConnectionFactory connections;

  /** Registers the gauges; called once at start. */
  public void register() {
    registry.gauge("calls_in_progress", calls, CallRegistry::size);
    registry.gauge("call_start_failures", callStart, CallStart::failures);
    registry.gauge("calls_refused_over_limit", inbound, InboundCalls::refusedOverLimit);
    registry.gauge("calls_refused_call_data_too_large", sipRefusals, r -> r.count(SipRefusals.Why.CALL_DATA_TOO_LARGE));
    registry.gauge("calls_refused_untrusted_source", sipRefusals, r -> r.count(SipRefusals.Why.UNTRUSTED_SOURCE));
    registry.gauge("calls_refused_media_not_secure", sipRefusals, r -> r.count(SipRefusals.Why.MEDIA_NOT_SECURE));
    registry.gauge("call_end_backlog", callEnds, CallEndWriter::backlog);
    registry.gauge("call_end_rows_late", ends, CallEnds::late);
    registry.gauge("outbox_set_aside", health, h -> h.setAside().values().stream().mapToLong(Long::longValue).sum());
    registry.gauge("sip_admission_refusing", this, m -> m.admission(a -> a.refusing() ? 1 : 0));
    registry.gauge("sip_admission_shortest_wait_micros", this, m -> m.admission(SipConnection.AdmissionState::shortestWaitMicros));
    registry.gauge("sip_admission_waiting", this, m -> m.admission(SipConnection.AdmissionState::waiting));
    registry.gauge("sip_refused_overload", this, m -> m.admission(SipConnection.AdmissionState::refused));
    registry.gauge("sip_admission_intakes", this, m -> m.admission(SipConnection.AdmissionState::intakes));
    registry.gauge("sip_admission_intake_limit", this, m -> m.admission(SipConnection.AdmissionState::intakeLimit));
    registry.gauge("calls_admission_refusing", admission, a -> a.refusing() ? 1 : 0);
    registry.gauge("calls_refused_call_start_connections", admission, a -> a.refused(CallAdmission.Refusal.CALL_START_CONNECTIONS));
    registry.gauge("calls_refused_routing_behind", admission, a -> a.refused(CallAdmission.Refusal.ROUTING));
    registry.gauge("calls_refused_call_end_store_behind", admission, a -> a.refused(CallAdmission.Refusal.CALL_END_STORE));
    registry.gauge("routing_shortest_wait_micros", admission, a -> a.routing().shortestWaitMicros());
    registry.gauge("call_end_store_shortest_wait_micros", admission, a -> a.callEndStore().shortestWaitMicros());
    registry.gauge("recording_failures", recordingFailures, RecordingFailures::total);
    registry.gauge("monitoring_started", monitorAudit, MonitorAudit::started);
    registry.gauge("monitoring_ended", monitorAudit, MonitorAudit::ended);
    registry.gauge("monitoring_active", monitorAudit, MonitorAudit::active);
    registry.gauge("media_legs_open", this, m -> m.media(MediaPlane::legsOpen));
    registry.gauge("media_setup_failures", this, m -> m.media(MediaPlane::setupFailures));
    registry.gauge("media_unavailable", health, h -> h.media().isPresent() ? 1 : 0);
    registry.gauge("sip_dialogs", this, m -> m.stack(SipConnection.StackCounts::dialogs));
    registry.gauge("sip_server_transactions", this, m -> m.stack(SipConnection.StackCounts::serverTransactions));
    registry.gauge("sip_client_transactions", this, m -> m.stack(SipConnection.StackCounts::clientTransactions));
  }

  private long media(ToLongFunction<MediaPlane> which) {
    return mediaPlanes.isResolvable() ? which.applyAsLong(mediaPlanes.get()) : -1;
  }

  private long admission(ToLongFunction<SipConnection.AdmissionState> which) {
    try (SipConnection connection = connections.getConnection()) {
      return which.applyAsLong(connection.admission());
    } catch (ResourceException e) {
      return -1;
    }
  }

  private int stack(ToIntFunction<SipConnection.StackCounts> which) {
    try (SipConnection connection = connections.getConnection()) {
      return which.applyAsInt(connection.counts());
    } catch (ResourceException e) {
      return -1;
    }
  }
}
