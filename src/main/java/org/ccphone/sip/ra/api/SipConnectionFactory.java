package org.ccphone.sip.ra.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/** Where an application gets a {@link SipConnection} to send requests of its own. */
public interface SipConnectionFactory extends Serializable, Referenceable {
  SipConnection getConnection() throws ResourceException;
}
