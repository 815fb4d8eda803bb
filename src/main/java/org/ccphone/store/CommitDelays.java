package org.ccphone.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The wait of the server's group-commit writers (decision 48): under load a writer that holds rows
 * waits up to {@code callcenter.store.commitDelayMillis} for the rows expected within it; 0 turns
 * the wait off.
 */
@ApplicationScoped
public class CommitDelays {
  @Inject
  @ConfigProperty(name = "callcenter.store.commitDelayMillis", defaultValue = "2")
  long commitDelayMillis;

  /** A delay for one writer thread (it keeps that writer's arrival rate). */
  public CommitDelay forOneWriter() {
    return new CommitDelay(Duration.ofMillis(commitDelayMillis));
  }
}
