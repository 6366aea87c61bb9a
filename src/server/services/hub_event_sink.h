#pragma once
// Where services report HubEvents (model/hub_event.h). The webhook service implements it; until
// it is wired, AppContext hands out a sink that drops events. publish() is called after the
// change is durable, from the thread that made it, and must not throw into that caller.
#include "server/model/hub_event.h"

namespace hfhub::server {

class HubEventSink {
 public:
  virtual ~HubEventSink() = default;
  virtual void publish(const HubEvent& event) noexcept = 0;
};

// The sink of a server that has nowhere to send events.
class DroppingEventSink final : public HubEventSink {
 public:
  void publish(const HubEvent&) noexcept override {}
};

}  // namespace hfhub::server
