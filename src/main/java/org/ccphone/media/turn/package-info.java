/**
 * TURN for phones behind NAT or a firewall: the relay (coturn, started beside the server) is named
 * by its URIs, and each phone gets credentials of the TURN REST API (a user name that carries its
 * expiry, and its HMAC under the secret shared with the relay) with every media offer; the
 * supervisors' health asks the relay whether it answers.
 */
package org.ccphone.media.turn;
