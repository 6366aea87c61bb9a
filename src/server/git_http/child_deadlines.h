#pragma once
// Deadlines of child processes: one background thread kills the process group of a child that
// is still running past its deadline. spawn_process() registers children started with a
// timeout; wait_process() removes them once they exit, before reaping (so a reused pid is never
// killed by mistake).
#include <sys/types.h>

#include <string>

namespace hfhub::server {

// Kills process group `pgid` (SIGKILL) unless unwatch_child(pgid) comes within `seconds`.
void watch_child(pid_t pgid, int seconds, std::string label);
void unwatch_child(pid_t pgid);

}  // namespace hfhub::server
