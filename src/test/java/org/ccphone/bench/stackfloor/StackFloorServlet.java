package org.ccphone.bench.stackfloor;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The same answer from a plain servlet: {@code POST /plain/apps/{appId}/sessions}. */
@WebServlet("/plain/*")
public class StackFloorServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The product's body for an unknown appId. */
  static String body(String appId) {
    return "{\"error\":\"unknown_app\",\"message\":\"unknown appId " + appId + "\"}";
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    request.getInputStream().readAllBytes();
    String[] path = request.getPathInfo().split("/"); // ["", "apps", appId, "sessions"]
    byte[] answer = body(path.length > 2 ? path[2] : "").getBytes(StandardCharsets.UTF_8);
    response.setStatus(404);
    response.setContentType("application/json");
    response.setContentLength(answer.length);
    response.getOutputStream().write(answer);
  }
}
