/**
 * Where agents' phones and presence reach calls: the phone's requests (answer, decline, hold, hang
 * up, digits, media) as the call's events, and agents becoming free, losing their phone or leaving.
 */
package org.ccphone.call.phone;
