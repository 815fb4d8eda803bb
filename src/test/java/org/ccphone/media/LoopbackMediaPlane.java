package org.ccphone.media;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of the media plane for signaling tests: no media flows. The browser gets an offer
 * naming the call, and the SIP side gets a PCMU answer on a port nothing listens to. Test code only;
 * the real planes are in the media issue.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class LoopbackMediaPlane implements MediaPlane {
  private final Set<String> open = ConcurrentHashMap.newKeySet();

  @Override
  public MediaSession open(String callKey, String sipOffer) {
    open.add(callKey);
    return new MediaSession() {
      @Override
      public String browserOffer() {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=" + callKey + "\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n";
      }

      @Override
      public String answer(String browserAnswer) throws MediaException {
        if (browserAnswer == null || !browserAnswer.startsWith("v=0")) {
          throw new MediaException("not a session description");
        }
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      }

      @Override
      public void record(String name) { }

      @Override
      public void close() {
        open.remove(callKey);
      }
    };
  }
}
