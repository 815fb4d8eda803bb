/**
 * Who waits and who is free: each tenant's queue of calls, its READY agents (longest-ready first,
 * by skills), the call at each agent and the offers each agent let ring out in a row.
 */
package org.ccphone.call.queue;
