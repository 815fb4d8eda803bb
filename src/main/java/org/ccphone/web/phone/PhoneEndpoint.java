package org.ccphone.web.phone;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The phone's WebSocket, {@code /ws/phone}: JSON text frames, the first one a hello with the login token. */
@ServerEndpoint("/ws/phone")
public class PhoneEndpoint {
  private static final Logger LOG = Logger.getLogger(PhoneEndpoint.class.getName());
  private static final String CONNECTION = "phone";

  @Inject PhoneProtocol protocol;

  @Inject PhoneHub hub;

  @Inject ContainerIdleTimers idleTimers;

  @OnOpen
  public void open(Session ws) {
    // No container idle timeout: the hub's own sweep closes silent phones. The container would still
    // schedule a task for every frame on a managed executor; ContainerIdleTimers takes that off.
    idleTimers.takeOver(ws);
    ws.setMaxIdleTimeout(0);
    PhoneConnection connection = hub.connection(ws);
    ws.getUserProperties().put(CONNECTION, connection);
    hub.opened(connection);
  }

  /** Frames arrive in parts so that an oversized one is refused without being held in memory. */
  @OnMessage
  public void message(Session ws, String part, boolean last) {
    PhoneConnection connection = (PhoneConnection) ws.getUserProperties().get(CONNECTION);
    String frame = connection.append(part, last);
    if (frame == null) {
      return;
    }
    switch (connection.budget()) {
      case TAKE -> protocol.receive(connection, frame);
      case REFUSE_AND_SAY -> connection.send(PhoneFrames.error("rate_limited",
          "too many frames: this one and those that follow too fast are not taken; the socket closes if they go on"));
      case REFUSE -> { } // dropped unread, as the phone was told
      // After what is queued for it, rate_limited included (a phone that stops reading is closed by the write timeout).
      case CLOSE -> connection.closeAfterWriting(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many frames"));
    }
  }

  @OnClose
  public void close(Session ws, CloseReason reason) {
    protocol.closed((PhoneConnection) ws.getUserProperties().get(CONNECTION));
  }

  @OnError
  public void error(Session ws, Throwable error) {
    LOG.log(Level.FINE, "phone socket " + ws.getId() + " failed", error);
  }
}
