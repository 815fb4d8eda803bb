package org.ccphone;

import static org.ccphone.Jsons.JSON;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application. {@code jakarta.json.JSON.createX()} looks the provider
 * up through the service loader on every call, which scans the class path: a profile of the login
 * benchmark showed it as the largest single cost.
 */
public final class Jsons {
  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}
}
