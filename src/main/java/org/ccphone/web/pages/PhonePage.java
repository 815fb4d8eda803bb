package org.ccphone.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** What phone.xhtml shows of the request: the call center its address named. */
@Named("phonePage")
@RequestScoped
public class PhonePage {
  /** The request attribute {@link PhonePageServlet} sets from the address. */
  static final String APP_ID = "org.ccphone.phone.appId";

  @Inject HttpServletRequest request;

  public String getAppId() {
    Object appId = request.getAttribute(APP_ID);
    return appId == null ? "" : appId.toString();
  }
}
