// elevator-top: what happened between two readings of /proc/elevator.
//
// The file shows a state, not a history, so the events are inferred: who is
// aboard now and was not (boarded), who was aboard and is not (delivered;
// the serviced count says how many, even when several stops fell between
// two readings), arrivals (waiting + boarded - waiting before), and the
// car leaving or reaching OFFLINE (started, stopped). Pure code.
#pragma once
#include <string>
#include <vector>

#include "user/elevator-top/snapshot.h"

namespace eltop {

enum class EventKind { Started, Stopped, Boarded, Delivered, Requests, Module };

struct Event {
  EventKind kind;
  std::string text;  // "floor 4: boarded F1 J2"
};

/// infer_events() - the events that take `before` to `after`, oldest first.
/// A reading whose serviced count went down (the module was reloaded) gives
/// no events: the two readings are of different runs.
std::vector<Event> infer_events(const Snapshot& before, const Snapshot& after);

}  // namespace eltop
