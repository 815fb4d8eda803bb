/**
 * Outbound calls: an agent's dial checked and turned into a call (CallType 2), and the leg that
 * places its INVITE through the tenant's SIP trunk.
 */
package org.ccphone.call.dial;
