package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenPopTest {
  private final CallData call = new CallData("8005551000", "+1 555 0001", "Smith & Sons", null, null, "c/1?x", null,
      List.of("sales"), false, null);

  @Test
  void theSixCallValuesAreReplacedUrlEncodedInAnyCase() {
    assertEquals("https://crm/pop?dnis=8005551000&ani=%2B1+555+0001&name=Smith+%26+Sons&id=c%2F1%3Fx&type=1&agent=1001",
        ScreenPop.resolve("https://crm/pop?dnis={Dnis}&ani={ANI}&name={callerIdName}&id={CallId}&type={CallType}&agent={AgentId}",
            call, 1001));
  }

  @Test
  void otherBracesStayAndAMissingValueIsEmpty() {
    CallData noName = new CallData("1", "2", null, null, null, "c", null, List.of(), false, null);
    assertEquals("https://crm/{Customer}?n=", ScreenPop.resolve("https://crm/{Customer}?n={CallerIdName}", noName, 7));
    assertNull(ScreenPop.resolve(null, noName, 7));
  }
}
