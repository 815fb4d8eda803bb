package org.ccphone.call.end;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.media.Failures;
import org.ccphone.call.media.MediaWork;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.media.CallMedia;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Carries out the end of a call's segments and of the call: rows, recordings finished, the call closed. */
@ApplicationScoped
public class EndWork {
  private static final Logger LOG = Logger.getLogger(EndWork.class.getName());

  @Inject CallEnds ends;
  @Inject MediaWork media;
  @Inject RecordingFailures recordingFailures;
  @Inject WrapUps wrapUps;
  @Inject AgentPhones phones;

  /** How long a call's Call End row waits for its recording's file to be finished. */
  @Inject
  @ConfigProperty(name = "callcenter.media.recordingStopSeconds", defaultValue = "10")
  int recordingStopSeconds;

  public void carryOut(Call call, Effect.Ending work) {
    if (work instanceof Effect.SegmentOver over) {
      ends.owe(call, segmentOver(call, over));
      wrapUps.segmentEnded(call.key(), over.segment().agent(), over.row());
    } else if (work instanceof Effect.NoRowOwed) {
      ends.oweNothing(call);
    } else if (work instanceof Effect.Closed) {
      ends.closed(call);
    } else if (work instanceof Effect.RecordingFailed failed) {
      recordingFailed(call, failed.agent(), failed.why());
    }
  }

  /**
   * The segment's row, its values taken when it ended, written once its recording's file is
   * finished (bounded) and its media released: a recording still being set up is stopped once it
   * started; one that never started has nothing to stop.
   */
  private CompletionStage<Void> segmentOver(Call call, Effect.SegmentOver over) {
    CallMedia callMedia = over.media();
    CompletionStage<Void> recorded = CompletableFuture.completedFuture(null);
    if (callMedia != null) {
      CompletionStage<Void> stopped = over.stopRecording()
          ? media.recordingStarts(over.segment()).handle((v, failure) -> null)
              .thenCompose(v -> callMedia.stopRecording()).toCompletableFuture().orTimeout(recordingStopSeconds, TimeUnit.SECONDS)
          : CompletableFuture.completedFuture(null);
      recorded = stopped.handle((v, failure) -> {
        if (failure != null) {
          recordingFailed(call, over.segment().agent(),
              Failures.why(failure, "the recording was not finished within " + recordingStopSeconds + " s"));
        }
        callMedia.release();
        return null;
      });
    }
    return recorded.handle((v, failure) -> null).thenCompose(v -> ends.write(call, over.row()));
  }

  /** A recording failed: the call goes on; the agent's phone, the tenant's health and the metrics say so. */
  private void recordingFailed(Call call, AgentSession agent, String why) {
    LOG.warning("call " + call.key() + ": recording failed: " + why);
    recordingFailures.failed(call.appId(), why);
    phones.sendError(agent, "recording_failed", "the call is not recorded: " + why);
  }
}
