#include "server/web/repo_snippets.h"

#include <string>

namespace hfhub::server {

namespace {

View snippet(std::string label, std::string id, std::string code) {
  View v;
  v.set("label", std::move(label));
  v.set("id", std::move(id));
  v.set("code", std::move(code));
  return v;
}

}  // namespace

ViewList repo_snippets(const RepoRecord& repo, std::string_view base_url) {
  std::string base(base_url);
  std::string type(repo_type_name(repo.type));
  bool model = repo.type == RepoType::Model;
  std::string type_flag = model ? "" : " --repo-type " + type;
  std::string clone_url = base + "/" + std::string(repo_type_url_prefix(repo.type)) + repo.id;
  ViewList out;
  out.push_back(snippet("git", "snippet-git", "git lfs install\ngit clone " + clone_url));
  out.push_back(snippet("hf", "snippet-hf", "HF_ENDPOINT=" + base + " hf download " + repo.id + type_flag));
  out.push_back(snippet("hfhub", "snippet-hfhub", "hfhub --endpoint " + base + " download " + repo.id +
                                                        (model ? "" : " --repo-type " + type)));
  out.push_back(snippet("Python", "snippet-python",
                        "from huggingface_hub import snapshot_download\n\n"
                        "path = snapshot_download(\n    \"" + repo.id + "\",\n" +
                            (model ? "" : "    repo_type=\"" + type + "\",\n") + "    endpoint=\"" + base +
                            "\",\n)\nprint(path)"));
  return out;
}

}  // namespace hfhub::server
