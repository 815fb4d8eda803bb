package org.ccphone.sip.ra.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's stack log, sent to java.util.logging. The stack's default logger needs log4j 1.x,
 * which the server does not have (NoClassDefFoundError at SipStackImpl's constructor).
 */
public class JulStackLogger implements StackLogger {
  private static final Logger LOG = Logger.getLogger("org.ccphone.sip.stack");
  private volatile boolean enabled = true;

  @Override public void logStackTrace() { }
  @Override public void logStackTrace(int traceLevel) { }
  @Override public int getLineCount() { return 0; }
  @Override public void logException(Throwable ex) { LOG.log(Level.WARNING, ex.getMessage(), ex); }
  @Override public void logDebug(String message) { LOG.finer(message); }
  @Override public void logDebug(String message, Exception ex) { LOG.log(Level.FINER, message, ex); }
  @Override public void logTrace(String message) { LOG.finest(message); }
  @Override public void logFatalError(String message) { LOG.severe(message); }
  @Override public void logError(String message) { LOG.severe(message); }
  @Override public boolean isLoggingEnabled() { return enabled && LOG.isLoggable(Level.FINER); }
  @Override public boolean isLoggingEnabled(int level) { return enabled && LOG.isLoggable(level <= TRACE_WARN ? Level.WARNING : Level.FINER); }
  @Override public void logError(String message, Exception ex) { LOG.log(Level.SEVERE, message, ex); }
  @Override public void logWarning(String message) { LOG.warning(message); }
  @Override public void logInfo(String message) { LOG.fine(message); }
  @Override public void disableLogging() { enabled = false; }
  @Override public void enableLogging() { enabled = true; }
  @Override public void setBuildTimeStamp(String buildTimeStamp) { }
  @Override public void setStackProperties(Properties stackProperties) { }
  @Override public String getLoggerName() { return LOG.getName(); }
}
