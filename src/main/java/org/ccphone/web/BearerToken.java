package org.ccphone.web;

import java.util.Optional;

/** Reads the token out of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {
  private BearerToken() {}

  public static Optional<String> of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
