package org.ccphone.call.model;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What an event decided: the effects to carry out, in order, or a refusal with its reason. */
public final class Decision {
  /** A refused event: the protocol's error code and a message for the one who asked. */
  public record Refusal(String code, String message) {}

  private static final Decision NOTHING = new Decision(List.of(), null);

  private final List<Effect> effects;
  private final Refusal refusal;

  private Decision(List<Effect> effects, Refusal refusal) {
    this.effects = effects;
    this.refusal = refusal;
  }

  /** The effects as decided; the list is the decision's from now (never changed after). */
  static Decision of(List<Effect> effects) {
    return effects.isEmpty() ? NOTHING : new Decision(Collections.unmodifiableList(effects), null);
  }

  static Decision nothing() {
    return NOTHING;
  }

  static Decision refused(String code, String message) {
    return new Decision(List.of(), new Refusal(code, message));
  }

  /** This decision's effects, then those of {@code next} (decided after this one's changes); a refusal stops there. */
  static Decision then(Decision first, java.util.function.Supplier<Decision> next) {
    if (first.refusal != null) {
      return first;
    }
    List<Effect> all = new java.util.ArrayList<>(first.effects);
    all.addAll(next.get().effects);
    return of(all);
  }

  public List<Effect> effects() {
    return effects;
  }

  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  @Override
  public String toString() {
    return refusal != null ? "refused " + refusal.code() : effects.toString();
  }
}
