/** The call engine at the server's start and stop: its drain, and its figures under /metrics. */
package org.ccphone.call.lifecycle;
