package org.ccphone.web.pages;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.ccphone.tenant.PageRules;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pages' addresses: {@code /phone/{appId}} renders the agent's phone (phone.xhtml) and
 * {@code /supervisor/{appId}} the supervisor's page (supervisor.xhtml) for that call center, so
 * nobody types an appId; {@code /} goes to the default call center's phone when one is configured
 * ({@code callcenter.phone.defaultAppId}; the demo run: demo).
 */
@WebServlet(urlPatterns = {"", "/phone/*", "/supervisor/*"})
public class PhonePageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient TenantRegistry tenants;

  @Inject
  @ConfigProperty(name = "callcenter.phone.defaultAppId")
  transient Optional<String> defaultAppId;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    String page = request.getServletPath();
    if (!"/phone".equals(page) && !"/supervisor".equals(page)) {
      Optional<String> home = defaultAppId.filter(id -> !id.isBlank());
      if (home.isPresent()) {
        response.sendRedirect(request.getContextPath() + "/phone/" + home.get());
      } else {
        notFound(response, "No default call center is configured here. An agent's phone is at /phone/<appId>.");
      }
      return;
    }
    String info = request.getPathInfo();
    String appId = info == null ? "" : info.substring(1);
    Optional<Tenant> tenant = appId.matches("[A-Za-z0-9_.-]{1,64}") ? tenants.find(appId) : Optional.empty();
    if (tenant.isEmpty()) {
      notFound(response, "There is no call center at this address. Ask your administrator for your page's address.");
      return;
    }
    PageRules rules = tenant.get().config() == null ? PageRules.DEFAULTS : tenant.get().config().pages();
    request.setAttribute(PhonePage.APP_ID, appId);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", "/phone".equals(page) ? PagePolicy.phone(rules) : PagePolicy.supervisor(rules));
    if (rules.frameAncestors().isEmpty()) {
      response.setHeader("X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
    }
    request.getRequestDispatcher(page + ".xhtml").forward(request, response);
  }

  private static void notFound(HttpServletResponse response, String text) throws IOException {
    response.setStatus(404);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().println(text);
  }
}
