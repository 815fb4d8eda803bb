/**
 * Carries out what calls decide, on the routing thread: {@link org.ccphone.call.engine.CallEngine}
 * takes each event to its call and each effect to the service for its kind of work (SIP to the
 * caller, the phones, the queues and presence, the timers; the media and the end in their own
 * packages). The services never look at where a call is: the call decided.
 */
package org.ccphone.call.engine;
