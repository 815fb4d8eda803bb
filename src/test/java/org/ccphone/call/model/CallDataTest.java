package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ccphone.tenant.Row;
import org.junit.jupiter.api.Test;

class CallDataTest {

  private static Function<String, String> headers(Map<String, String> values) {
    Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(values);
    return caseless::get;
  }

  @Test
  void headersAreReadBareOrWithXInAnyCase() {
    CallData data = CallData.fromHeaders(headers(Map.of(
        "x-dnis", "8005551000", "ANI", "5550001", "X-CallerId", "Jane Caller", "x-url", "https://crm/pop",
        "Transfer", "5559999", "X-CALLID", "c-1", "X-CallCenter", "sip:overflow@127.0.0.1:5070",
        "x-skills", "sales, support", "Record", "Y")), "ruri", "from");
    assertEquals("8005551000", data.dnis());
    assertEquals("5550001", data.ani());
    assertEquals("Jane Caller", data.callerIdName());
    assertEquals("https://crm/pop", data.url());
    assertEquals("5559999", data.transfer());
    assertEquals("c-1", data.callId());
    assertEquals("sip:overflow@127.0.0.1:5070", data.callCenter());
    assertEquals(List.of("sales", "support"), data.skills());
    assertTrue(data.record());
  }

  @Test
  void dnisAndAniFallBackToTheRequestUriAndFromUsers() {
    CallData data = CallData.fromHeaders(headers(Map.of()), "8005551000", "5550001");
    assertEquals("8005551000", data.dnis());
    assertEquals("5550001", data.ani());
    assertFalse(data.record());
    assertEquals(List.of(), data.skills());
  }

  @Test
  void callStartOverridesWhatItReturnsAndKeepsTheRest() {
    CallData headers = CallData.fromHeaders(headers(Map.of("X-Skills", "sales", "X-URL", "https://ivr/pop", "X-Record", "N")), "d", "a");
    CallData data = headers.withCallStart(new Row().put("Url", "https://crm/{CallId}").put("CallId", 42)
        .put("Skills", "support").put("Record", "Y").put("DefaultTransferNumber", null).put("CustomData", "RemoteApp"));
    assertEquals("https://crm/{CallId}", data.url());
    assertEquals("42", data.callId());
    assertEquals(List.of("support"), data.skills());
    assertTrue(data.record());
    assertEquals("RemoteApp", data.customData());
    CallData none = headers.withCallStart(null).withCallIdOrNew();
    assertEquals("https://ivr/pop", none.url());
    assertNotNull(none.callId(), "a GUID when neither gave a CallId");
    assertEquals(36, none.callId().length());
  }
}
