// Built against an installed hfhub (tests/install/run.sh): uses the public headers only.
#include <hfhub/hf_api.h>
#include <hfhub/repo_id.h>

#include <cstdio>

int main() {
  auto id = hfhub::RepoId::parse("google/gemma-2b");
  if (!id) return 1;
  hfhub::ClientOptions options;
  options.endpoint = "http://hub.invalid";
  hfhub::HfApi api(options);
  std::printf("consumer %s %s %s %s\n", id->ns.c_str(), id->name.c_str(),
              std::string(hfhub::repo_type_plural(hfhub::RepoType::Dataset)).c_str(), api.options().endpoint.c_str());
  return 0;
}
