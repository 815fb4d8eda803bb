package org.ccphone.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The floor of an HTTP answer on this machine: the JDK's own HttpServer answering every request as
 * the product answers a login for an unknown appId (404, the same JSON body). scripts/bench-http
 * drives it and the product with the same wrk command in one run; the ratio is the figure.
 * Run with -Dsun.net.httpserver.nodelay=true (without it the JDK server waits on delayed ACKs).
 */
public final class HttpFloor {
  private HttpFloor() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(BenchArgs.arg(args, "port", "18992"));
    byte[] body = "{\"error\":\"unknown_app\",\"message\":\"unknown appId nope\"}".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("HTTP floor on 127.0.0.1:" + port);
  }
}
