package org.ccphone.call.model;

/** Who put a call on hold: the agent (music on hold), the caller (a sendonly or inactive re-INVITE) or the agent's lost phone. */
public enum Holder { AGENT, CALLER, LOST_PHONE }
