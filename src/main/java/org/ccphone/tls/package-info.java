/**
 * The server's TLS identity: the PKCS#12 keystore the operator gives (or the one made at the first
 * run), read and checked before it is served, so that a missing, expired or misnamed certificate
 * is said plainly at start instead of being found by agents' browsers.
 */
package org.ccphone.tls;
