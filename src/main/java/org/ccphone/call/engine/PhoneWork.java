package org.ccphone.call.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.media.PhoneIce;
import org.ccphone.call.model.AgentSegment;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallFrames;
import org.ccphone.call.model.Effect;
import org.ccphone.call.model.MonitorFrames;

/** Tells agents' phones what their calls do. */
@ApplicationScoped
public class PhoneWork {
  @Inject AgentPhones phones;
  @Inject PhoneIce ice;

  public void carryOut(Call call, Effect.Phone work) {
    if (work instanceof Effect.Tell tell) {
      phones.send(tell.agent(), tell.frame());
    } else if (work instanceof Effect.OfferToPhone offer) {
      AgentSegment segment = offer.segment();
      // A leg for this call only (it carries its own sdp): its peer connection is made now, with the relay.
      phones.send(segment.agent(), CallFrames.offer(call, segment.agent().agent().agentId(), offer.sdp(),
          offer.sdp() == null ? null : ice.forAgent(segment.agent()), (int) call.rules().ring().toSeconds()));
    } else if (work instanceof Effect.ConsultToPhone offer) {
      AgentSegment target = offer.target();
      phones.send(target.agent(), CallFrames.consultOffer(call, target.agent().agent().agentId(), offer.sdp(),
          ice.forAgent(target.agent()), (int) call.rules().ring().toSeconds(), offer.from()));
    } else if (work instanceof Effect.ToPage toPage) {
      toPage.page().send(toPage.frame());
    } else if (work instanceof Effect.MonitorOffer offer) {
      offer.monitor().page().send(MonitorFrames.offer(call, offer.monitor(), offer.sdp(), ice.forAgent(offer.monitor().supervisor())));
    } else if (work instanceof Effect.PhoneError error) {
      phones.sendError(error.agent(), error.code(), error.message());
    }
  }
}
