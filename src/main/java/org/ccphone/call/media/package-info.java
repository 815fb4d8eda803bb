/**
 * The media work of calls: agents' standing legs (negotiated once, kept across calls), legs opened
 * for an offer, the call attached, held, recorded and released, on the media plane of
 * {@code org.ccphone.media}.
 */
package org.ccphone.call.media;
