// `hfhub jobs` and `hfhub endpoints` against the compute contract server: the verbs reach the
// right calls and print what `hf` prints (tables, --json).
#include <gtest/gtest.h>

#include "../integration/subprocess.h"
#include "compute_contract_server.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

class ComputeCli : public ::testing::Test {
 protected:
  ComputeContractServer server;

  RunResult hfhub(std::vector<std::string> args) {
    args.insert(args.begin(), HFHUB_CLI_PATH);
    return run(args, {{"HF_ENDPOINT", server.url()},
                      {"HF_TOKEN", ComputeContractServer::kToken},
                      {"HF_HOME", ::testing::TempDir()},
                      {"NO_COLOR", "1"}});
  }
};

TEST_F(ComputeCli, JobsRunPsLogsCancel) {
  auto r = hfhub({"jobs", "run", "ubuntu", "echo", "hi", "-e", "A=1", "--flavor", "cpu-upgrade", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto id = std::string(json::parse(r.out).at("id").as_string());
  auto b = server.last("/api/jobs").body.as_object();
  EXPECT_EQ(b.at("environment").at("A"), "1");
  EXPECT_EQ(b.at("flavor"), "cpu-upgrade");
  auto ps = hfhub({"jobs", "ps"});
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_NE(ps.out.find("JOB ID"), std::string::npos);
  EXPECT_NE(ps.out.find(id), std::string::npos);
  auto logs = hfhub({"jobs", "logs", id});
  EXPECT_EQ(logs.out, "hello from the job\nstep 1/2\nstep 2/2\n");
  EXPECT_EQ(hfhub({"jobs", "cancel", id}).exit_code, 0);
  EXPECT_EQ(hfhub({"jobs", "ps"}).out.find(id), std::string::npos);  // finished: only with --all
  EXPECT_NE(hfhub({"jobs", "ps", "-a"}).out.find(id), std::string::npos);
  EXPECT_NE(hfhub({"jobs", "inspect", id}).out.find("CANCELED"), std::string::npos);
}

TEST_F(ComputeCli, ScheduledAndUv) {
  auto r = hfhub({"jobs", "scheduled", "run", "@hourly", "ubuntu", "true", "--suspend", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto id = std::string(json::parse(r.out).at(0).at("id").as_string());
  EXPECT_EQ(server.last("/api/scheduled-jobs").body.at("suspend"), true);
  EXPECT_EQ(hfhub({"jobs", "scheduled", "resume", id}).exit_code, 0);
  EXPECT_NE(hfhub({"jobs", "scheduled", "ps"}).out.find(id), std::string::npos);
  EXPECT_EQ(hfhub({"jobs", "scheduled", "delete", id}).exit_code, 0);
  auto uv = hfhub({"jobs", "uv", "run", "https://example.com/a.py", "--with", "numpy"});
  ASSERT_EQ(uv.exit_code, 0) << uv.err;
  EXPECT_NE(uv.out.find("Job started with ID"), std::string::npos);
}

TEST_F(ComputeCli, EndpointsAndCatalog) {
  auto r = hfhub({"endpoints", "deploy", "ep1", "--repo", "openai-community/gpt2", "--accelerator", "gpu",
                  "--instance-size", "x1", "--instance-type", "nvidia-l4", "--region", "us-east-1", "--vendor", "aws"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("pending"), std::string::npos);
  auto ls = hfhub({"endpoints", "ls", "--json"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(json::parse(ls.out).as_array().size(), 1u);
  EXPECT_NE(hfhub({"endpoints", "update", "ep1", "--max-replica", "3"}).out.find("updating"), std::string::npos);
  EXPECT_EQ(server.last("/v2/endpoint").body.at("compute"), (json::object{{"scaling", {{"maxReplica", 3}}}}));
  EXPECT_NE(hfhub({"endpoints", "pause", "ep1"}).out.find("paused"), std::string::npos);
  EXPECT_NE(hfhub({"endpoints", "scale-to-zero", "ep1"}).out.find("scaledToZero"), std::string::npos);
  EXPECT_NE(hfhub({"endpoints", "describe", "ep1"}).out.find("\"healthRoute\""), std::string::npos);
  EXPECT_EQ(hfhub({"endpoints", "delete", "ep1"}).exit_code, 0);
  auto cat = hfhub({"endpoints", "catalog", "ls", "--engine", "tei"});
  EXPECT_NE(cat.out.find("BAAI/bge-small-en-v1.5"), std::string::npos);
  EXPECT_EQ(cat.out.find("Qwen"), std::string::npos);
  auto dep = hfhub({"endpoints", "catalog", "deploy", "--repo", "BAAI/bge-small-en-v1.5", "--name", "bge"});
  ASSERT_EQ(dep.exit_code, 0) << dep.err;
  EXPECT_NE(dep.out.find("bge"), std::string::npos);
  EXPECT_NE(hfhub({"endpoints", "describe", "missing"}).exit_code, 0);
}

}  // namespace
}  // namespace hfhub::testing
