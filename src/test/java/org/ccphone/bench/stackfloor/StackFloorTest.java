package org.ccphone.bench.stackfloor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ccphone.web.ApiApplication;
import org.junit.jupiter.api.Test;

/** The floor measures the product's stack only while it has the product's Jersey switches. */
class StackFloorTest {
  @Test
  void hasTheApisJerseySwitches() {
    assertEquals(new ApiApplication().getProperties(), new StackFloorApplication().getProperties());
  }
}
