#pragma once
// Access tokens as the Hub shows them in whoami-v2's auth.accessToken (docs/tokens.md#whoami), also
// used by /api/settings/tokens.
#include "common/json_writer.h"
#include "server/model/account.h"

namespace hfhub::server {

// {canReadGatedRepos, global: [...], scoped: [{entity: {_id, type, name}, permissions: [...]}]}
void write_fine_grained(JsonWriter& w, const FineGrainedScopes& scopes);
// The members of an accessToken object (the caller opens and closes it): displayName, role,
// createdAt, expiration when set, fineGrained for fine-grained tokens.
void write_access_token_fields(JsonWriter& w, const AccessToken& token);

}  // namespace hfhub::server
