package org.ccphone.bench.stackfloor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** The product's authenticated read with no application work: one fixed session, whatever the token. */
@Path("sessions/current")
@ApplicationScoped
public class StackFloorCurrentSession {
  /** A supervisor's session as the product answers it, the same size. */
  private static final String SESSION = "{\"token\":\"0190f3a2-7c41-7b2e-9d4f-5a6b7c8d9e0f\",\"appId\":\"demo\","
      + "\"loginAt\":\"2026-11-28T04:00:00.123456Z\",\"expiresAt\":\"2026-11-28T16:00:00.123456Z\","
      + "\"agent\":{\"agentId\":\"loadsup1\",\"username\":\"loadsup1\",\"skills\":[],\"userLevel\":2}}";

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return SESSION;
  }
}
