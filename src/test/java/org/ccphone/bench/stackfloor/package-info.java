/**
 * The floor of an answer on the product's own stack: a WAR with no application work, deployed on
 * the same Payara Micro with the same JVM options. It answers the product's cheapest request (a
 * login for an unknown appId, 404 with the same JSON body) from a JAX-RS resource with the API's
 * Jersey switches and from a plain servlet, and the authenticated read with a fixed session from an
 * empty JAX-RS GET. {@code scripts/bench-http} packs it from these classes and measures it in the
 * same run as the product: the product's share of the JAX-RS floor is what its own code costs, the
 * JAX-RS floor's share of the servlet's what Jersey costs on this Payara.
 */
package org.ccphone.bench.stackfloor;
