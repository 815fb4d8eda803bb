package org.ccphone.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallQueueTest {

  @Test
  void callersWaitFirstComeFirstServedAndAWithdrawnOfferGoesBackToTheHead() {
    CallQueue<String> queue = new CallQueue<>();
    queue.addLast("demo", "first");
    queue.addLast("demo", "second");
    queue.addLast("other", "elsewhere");
    assertEquals(List.of("first", "second"), queue.waiting("demo"));
    queue.remove("demo", "first");
    queue.addLast("demo", "third");
    queue.addFirst("demo", "first");
    assertEquals(List.of("first", "second", "third"), queue.waiting("demo"));
    assertEquals(List.of("elsewhere"), queue.waiting("other"));
    assertEquals(0, queue.size("nobody"));
  }
}
