package org.ccphone.call.end;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.ccphone.ServerTimers;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.PresenceService;
import org.ccphone.call.AgentPhones;
import org.ccphone.tenant.Dispositions;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;

/**
 * The dispositions agents owe for their calls (tenants.md, "Dispositions"): when an agent's part of
 * a call ends, its phone is asked for a code and a note; what it picks goes to the tenant's
 * Disposition event through the outbox, after the call's Call End row and never holding it up. A
 * code not picked by the longest wrap-up, before the agent's next call ends, or at its logout, is
 * recorded as none.
 */
@ApplicationScoped
public class WrapUps {
  private static final Logger LOG = Logger.getLogger(WrapUps.class.getName());

  @Inject TenantRegistry tenants;
  @Inject Outbox outbox;
  @Inject PresenceService presence;
  @Inject AgentPhones phones;
  @Inject ServerTimers timers;

  /** A disposition owed: for which call's segment (CallId, Segment, AgentId), and its give-up timer. */
  private record Owed(String callKey, Map<Variable, Object> segment, ScheduledFuture<?> giveUp) {}

  private final Map<AgentSession, Owed> owed = new ConcurrentHashMap<>();

  /** Whether the agent's tenant requires a disposition before its wrap-up ends. */
  public boolean codeRequired(AgentSession agent) {
    return dispositions(agent.appId()).required();
  }

  /** The agent's part of a call ended with this Call End row: its phone is asked for a disposition. */
  public void segmentEnded(String callKey, AgentSession agent, Map<Variable, ?> row) {
    Dispositions asked = dispositions(agent.appId());
    if (!asked.asked()) {
      return;
    }
    Map<Variable, Object> segment = new EnumMap<>(Variable.class);
    for (Variable v : List.of(Variable.CallId, Variable.Segment, Variable.AgentId)) {
      segment.put(v, row.get(v));
    }
    if (agent.ended()) {
      record(agent, new Owed(callKey, segment, null), Dispositions.NONE_PICKED, null); // its session ended with the call
      return;
    }
    Owed[] mine = new Owed[1];
    ScheduledFuture<?> giveUp = timers.schedule(() -> giveUp(agent, mine[0]), asked.maxWrapUpSeconds(), TimeUnit.SECONDS);
    mine[0] = new Owed(callKey, segment, giveUp);
    Owed before = owed.put(agent, mine[0]);
    if (before != null) {
      before.giveUp().cancel(false);
      record(agent, before, Dispositions.NONE_PICKED, null); // its next call ended before it picked one
    }
    JsonArrayBuilder codes = JSON.createArrayBuilder();
    asked.codes().forEach(codes::add);
    phones.send(agent, JSON.createObjectBuilder().add("type", "wrapUp").add("call", callKey).add("codes", codes)
        .add("required", asked.required()).add("maxWrapUpSeconds", asked.maxWrapUpSeconds())
        .add("notesMaxLength", Dispositions.MAX_NOTES_LENGTH).build().toString());
  }

  /**
   * The agent picks a disposition for the call: recorded for the Disposition event, the phone told
   * ({@code dispositionSaved}); a wrap-up held for it ends if its time is up. Returns the refusal
   * ({code, message}), or null.
   */
  public String[] pick(AgentSession agent, String callKey, String code, String notes) {
    Dispositions asked = dispositions(agent.appId());
    Owed mine = owed.get(agent);
    if (mine == null || !mine.callKey().equals(callKey)) {
      return new String[] {"no_disposition_owed", "no disposition is asked for call " + callKey};
    }
    if (code == null || !asked.codes().contains(code)) {
      return new String[] {"bad_disposition", "the disposition must be one of " + asked.codes()};
    }
    if (notes != null && notes.length() > Dispositions.MAX_NOTES_LENGTH) {
      return new String[] {"bad_field", "notes: at most " + Dispositions.MAX_NOTES_LENGTH + " characters"};
    }
    if (!owed.remove(agent, mine)) {
      return new String[] {"no_disposition_owed", "the disposition of call " + callKey + " was recorded already"};
    }
    mine.giveUp().cancel(false);
    if (!record(agent, mine, code, notes == null || notes.isBlank() ? null : notes.strip())) {
      owed.putIfAbsent(agent, mine); // kept: the agent may try again
      return new String[] {"server_storage_unavailable", "the disposition could not be stored; try again"};
    }
    phones.send(agent, JSON.createObjectBuilder().add("type", "dispositionSaved").add("call", callKey).add("code", code)
        .build().toString());
    presence.wrapUpDone(agent);
    return null;
  }

  /** The agent's session ended: a disposition still owed is recorded as none. */
  public void sessionEnded(AgentSession agent) {
    Owed mine = owed.remove(agent);
    if (mine != null) {
      mine.giveUp().cancel(false);
      record(agent, mine, Dispositions.NONE_PICKED, null);
      presence.wrapUpDone(agent);
    }
  }

  /** The longest wrap-up passed with no code picked: recorded as none, and the agent READY. */
  private void giveUp(AgentSession agent, Owed mine) {
    if (mine != null && owed.remove(agent, mine)) {
      record(agent, mine, Dispositions.NONE_PICKED, null);
      presence.wrapUpDone(agent);
    }
  }

  /** The Disposition event's row, into the outbox. False when the server's own database refused it. */
  private boolean record(AgentSession agent, Owed mine, String code, String notes) {
    Map<Variable, Object> values = new EnumMap<>(mine.segment());
    values.put(Variable.Disposition, code);
    values.put(Variable.Notes, notes);
    try {
      outbox.sendAll(List.of(new Outbox.Owed(agent.appId(), EventType.DISPOSITION, values)));
      return true;
    } catch (SQLException e) {
      LOG.severe("the disposition " + code + " of call " + mine.callKey() + " by agent " + agent.agent().agentId()
          + " could not be stored: " + e.getMessage());
      return false;
    }
  }

  private Dispositions dispositions(String appId) {
    return tenants.find(appId).map(t -> t.config() == null ? Dispositions.NONE : t.config().dispositions()).orElse(Dispositions.NONE);
  }
}
