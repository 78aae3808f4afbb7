#pragma once
// Values PostgreSQL computes from source values, asked for in batches.
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p {

// True when `config` names a text search configuration the target has ("english",
// "pg_catalog.simple").
bool text_search_config_exists(PgSession& pg, const std::string& config);

// to_tsvector(config, text) of each text in one statement, as PostgreSQL's binary tsvector
// (what binary COPY carries); nullopt for a NULL. The texts must be valid UTF-8 without NUL.
std::vector<std::optional<std::string>> server_tsvectors(
    PgSession& pg, const std::string& config, const std::vector<std::optional<std::string>>& texts);

}  // namespace s2p
