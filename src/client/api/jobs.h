#pragma once
// Jobs and scheduled Jobs (docs/compute.md#jobs): /api/jobs/{namespace}[/...] and
// /api/scheduled-jobs/{namespace}[/...] on the Hub endpoint, with the bodies hf_api.py sends.
#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/compute.h"

namespace hfhub::client {

// The body of POST /api/jobs/{namespace} (Python's _create_job_spec).
boost::json::object job_spec_json(std::string_view image, const std::vector<std::string>& command,
                                  const JobParams& params);
// `uv run [--with dep]... [--python p] script args...`, as Python's run_uv_job builds it. Refuses
// a local file (Python uploads it to a bucket, which libhfhub does not do).
std::vector<std::string> uv_command(std::string_view script, const UvJobParams& params);
// "90s" / "5m" / "2h" / "1d" / "300" -> seconds.
int64_t parse_job_timeout(std::string_view timeout);

// The calls; `ns` is the resolved namespace.
JobInfo run_job(Session& s, std::string_view ns, const boost::json::object& spec);
std::vector<JobInfo> list_jobs(Session& s, std::string_view ns, const ListJobsParams& params);
JobInfo inspect_job(Session& s, std::string_view ns, std::string_view job_id);
void cancel_job(Session& s, std::string_view ns, std::string_view job_id);
std::vector<std::string> fetch_job_logs(Session& s, std::string_view ns, std::string_view job_id,
                                        const FetchJobLogsParams& params);
ScheduledJobInfo create_scheduled_job(Session& s, std::string_view ns, boost::json::object spec,
                                      std::string_view schedule, std::optional<bool> suspend,
                                      std::optional<bool> concurrency);
std::vector<ScheduledJobInfo> list_scheduled_jobs(Session& s, std::string_view ns);
ScheduledJobInfo inspect_scheduled_job(Session& s, std::string_view ns, std::string_view id);
void delete_scheduled_job(Session& s, std::string_view ns, std::string_view id);
// POST .../suspend or .../resume.
void set_scheduled_job_suspended(Session& s, std::string_view ns, std::string_view id, bool suspend);

}  // namespace hfhub::client
