/**
 * How a request arrived and whether it may be served that way: the client's scheme and address as
 * given by the connection or, from a trusted proxy only, by its X-Forwarded headers; plain HTTP
 * from another machine redirected (pages) or refused (API, phone socket); HSTS for a named server.
 */
package org.ccphone.web.transport;
