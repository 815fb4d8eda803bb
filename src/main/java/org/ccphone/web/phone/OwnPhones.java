package org.ccphone.web.phone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One agent's open phone connections (browser tabs) and which of them is <em>the phone</em>: the one
 * that rings and holds the media. The first to connect is; when it closes, the oldest of the others
 * becomes it; any of them may take it over. The others show the state and can change it.
 */
final class OwnPhones {
  private final Set<PhoneConnection> connections = new LinkedHashSet<>();
  private PhoneConnection owner;

  /** A change of the phone: who lost it (or null) and who has it now (or null). */
  record Moved(PhoneConnection from, PhoneConnection to) {}

  /** Adds a connection; true when it is the phone (the agent had none). */
  synchronized boolean add(PhoneConnection connection) {
    connections.add(connection);
    if (owner == null) {
      owner = connection;
    }
    return owner == connection;
  }

  /** Removes a connection; when it was the phone, the oldest other one becomes it. */
  synchronized Moved remove(PhoneConnection connection) {
    connections.remove(connection);
    if (owner != connection) {
      return null;
    }
    owner = connections.isEmpty() ? null : connections.iterator().next();
    return new Moved(connection, owner);
  }

  /** This connection becomes the phone; null when it was already (or is not the agent's). */
  synchronized Moved takeOver(PhoneConnection connection) {
    if (owner == connection || !connections.contains(connection)) {
      return null;
    }
    Moved moved = new Moved(owner, connection);
    owner = connection;
    return moved;
  }

  synchronized PhoneConnection owner() {
    return owner;
  }

  synchronized boolean isOwner(PhoneConnection connection) {
    return owner == connection;
  }

  synchronized List<PhoneConnection> all() {
    return new ArrayList<>(connections);
  }

  synchronized boolean isEmpty() {
    return connections.isEmpty();
  }

  synchronized boolean contains(PhoneConnection connection) {
    return connections.contains(connection);
  }
}
