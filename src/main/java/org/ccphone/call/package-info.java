/**
 * The call engine's ground: the calls in progress ({@link org.ccphone.call.CallRegistry}), the one
 * thread they change on ({@link org.ccphone.call.RoutingThread}), the way back to a call for work
 * that completes later ({@link org.ccphone.call.CallEvents}), the way to agents' phones and the
 * admission of new calls. Sub-packages: {@code model} (the call and its rules), {@code engine}
 * (carries out what the model decides), {@code queue}, {@code media}, {@code end}, {@code sip} and
 * {@code phone} (where events come from), {@code lifecycle} (drain and metrics).
 */
package org.ccphone.call;
