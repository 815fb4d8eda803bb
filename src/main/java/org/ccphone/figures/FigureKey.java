package org.ccphone.figures;

import java.time.LocalDate;

/** Whose figures for which day: a queue (by its name) or an agent (by its AgentId) of a tenant. */
record FigureKey(String appId, LocalDate day, Kind kind, String name) {
  enum Kind { QUEUE, AGENT }
}
