/** The record of supervisors in calls: each start and end logged (who, which call, when) and counted. */
package org.ccphone.call.monitor;
