#pragma once
// The encoders and readers of types that need more than a few lines, for the table in
// copy_encoder.cpp.
#include <string>
#include <string_view>

#include "sqlite2pg/copy/copy_encoder.h"

namespace s2p {

std::string encode_numeric(const Value& v, const TypeParams& p, std::string& out);
std::string show_numeric(std::string_view bytes, const TypeParams& p);

// varchar(n) and char(n) count characters, not bytes; char(n) is blank-padded as PostgreSQL
// stores it. An enum's value must be one of its labels.
std::string encode_varchar(const Value& v, const TypeParams& p, std::string& out);
std::string encode_bpchar(const Value& v, const TypeParams& p, std::string& out);
std::string encode_enum(const Value& v, const TypeParams& p, std::string& out);

// One-dimensional arrays with lower bound 1, as PostgreSQL sends them; elements through the
// element type's writer.
std::string encode_array(const Value& v, const TypeParams& p, std::string& out);
std::string show_array(std::string_view bytes, const TypeParams& p);

}  // namespace s2p
