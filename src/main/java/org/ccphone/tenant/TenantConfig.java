package org.ccphone.tenant;

import java.util.List;
import java.util.Map;

/**
 * One customer (appId) as configured in its tenant file: where its database is and how it
 * answers the four events.
 *
 * @param awayReasons the reasons an agent may give for AWAY (Break, Lunch, Meeting, Training by default)
 * @param wrapUpSeconds after-call work: seconds of BUSY after each call before READY again (0: none)
 * @param dispositions the codes an agent records about each call in its wrap-up (none by default)
 * @param dnis the dialed numbers whose calls belong to this tenant (empty: none by number)
 * @param calls how the tenant's inbound calls are queued and offered
 * @param reporting how the supervisors' daily figures are counted
 * @param screenPop where the phone opens the call's screen-pop Url when the agent answers
 * @param pages which screen pops its pages may open and who may frame them
 * @param sip whom it takes calls from and how their media must be carried
 * @param changelog a Liquibase changelog the server applies to the tenant's database at start, or
 *     null (customers normally manage their own schema; the demo tenant does not)
 */
public record TenantConfig(
    String appId,
    String datasource,
    int queryTimeoutSeconds,
    String changelog,
    Map<EventType, EventDefinition> events,
    List<String> awayReasons,
    int wrapUpSeconds,
    Dispositions dispositions,
    List<String> dnis,
    CallHandling calls,
    Reporting reporting,
    ScreenPop screenPop,
    PageRules pages,
    SipRules sip) {

  public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 5;
  public static final List<String> DEFAULT_AWAY_REASONS = List.of("Break", "Lunch", "Meeting", "Training");

  public static String defaultDatasource(String appId) {
    return "jdbc/callcenter/" + appId;
  }

  /**
   * How inbound calls are queued and offered.
   *
   * @param maxWaitSeconds the longest a caller waits in the queue before overflowing (60)
   * @param ringSeconds how long an offer rings before it is withdrawn (20)
   * @param missesBeforeAway consecutive offers an agent lets ring out before going AWAY, Missed call (1)
   * @param maxCallsInProgress calls of this tenant in progress at once, above which new calls get
   *     503 (0: only the server's limit)
   * @param keepAliveSeconds how often a connected caller without RFC 4028 session timers is asked
   *     (in-dialog OPTIONS) whether it is still there (30)
   * @param maxCallSeconds the longest a call may stay connected before the server hangs it up (14400)
   */
  public record CallHandling(int maxWaitSeconds, int ringSeconds, int missesBeforeAway, int maxCallsInProgress,
      int keepAliveSeconds, int maxCallSeconds) {
    public static final CallHandling DEFAULTS = new CallHandling(60, 20, 1, 0, 30, 14400);
  }

  /**
   * How the supervisors' figures are counted.
   *
   * @param timeZone where the tenant's day starts and ends (the server's zone when absent)
   * @param serviceLevelSeconds a call answered within this wait counts toward the service level (20)
   */
  public record Reporting(java.time.ZoneId timeZone, int serviceLevelSeconds) {
    public static Reporting defaults() {
      return new Reporting(java.time.ZoneId.systemDefault(), 20);
    }
  }

  /** Where the phone opens the screen-pop Url on answer: a new browser tab, or a panel in the phone. */
  public enum ScreenPop {
    TAB, PANEL;

    /** As the phone protocol names it: "tab" or "panel". */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The tenant's definition of the event, or null for an optional event it does not give. */
  public EventDefinition event(EventType type) {
    return events.get(type);
  }
}
