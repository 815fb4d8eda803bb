package org.ccphone.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under /api. */
@ApplicationPath("api")
public class ApiApplication extends Application {}
