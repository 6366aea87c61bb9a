#pragma once
// Safetensors headers read with HTTP ranges only (docs/hub-behaviour.md#safetensors-headers): a file starts with a
// u64 little-endian header length N, then N bytes of JSON {"__metadata__": {...}, "<tensor>":
// {"dtype", "shape", "data_offsets"}}; the tensor data that follows is never downloaded.
#include <cstdint>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

inline constexpr std::string_view kSafetensorsSingleFile = "model.safetensors";
inline constexpr std::string_view kSafetensorsIndexFile = "model.safetensors.index.json";
inline constexpr uint64_t kSafetensorsMaxHeaderLength = 25'000'000;
// The first read asks for bytes 0..kSafetensorsFirstRangeEnd: most headers fit in it.
inline constexpr uint64_t kSafetensorsFirstRangeEnd = 100'000;

// The header length of the first bytes of a file; SafetensorsParsingError when there are fewer
// than 8 bytes or the length exceeds kSafetensorsMaxHeaderLength. `what` names the file in errors.
uint64_t safetensors_header_length(std::string_view first_bytes, std::string_view what);
// Tensors, __metadata__ and parameter counts of a header; SafetensorsParsingError when malformed.
SafetensorsFileMetadata parse_safetensors_header(std::string_view header_json, std::string_view what);

// GET resolve with Range bytes=0-100000, then bytes=8-(N+7) when the header is longer.
SafetensorsFileMetadata parse_safetensors_file_metadata(Session& session, std::string_view repo_id,
                                                        std::string_view filename, const RepoCall& call);
// model.safetensors, else the shards of model.safetensors.index.json; NotASafetensorsRepoError
// when neither exists.
SafetensorsRepoMetadata get_safetensors_metadata(Session& session, std::string_view repo_id, const RepoCall& call);

}  // namespace hfhub::client
