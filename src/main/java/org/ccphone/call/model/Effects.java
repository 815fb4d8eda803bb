package org.ccphone.call.model;

import java.util.ArrayList;
import java.util.List;

/** The effects of a call's event, collected in order. */
final class Effects {
  final Call call;
  final List<Effect> list = new ArrayList<>();

  Effects(Call call) {
    this.call = call;
  }

  Effects add(Effect effect) {
    list.add(effect);
    return this;
  }

  Decision done() {
    return Decision.of(list);
  }
}
