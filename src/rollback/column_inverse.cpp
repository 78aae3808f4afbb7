#include "sqlite2pg/rollback/column_inverse.h"

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// SQLite's affinity rules, as far as they decide what a written value becomes: INT stores
// integers, CHAR, CLOB and TEXT store text; other columns keep what they are given (or make
// numbers of numeric text).
enum class Affinity { integer, text, other };
Affinity affinity_of(const std::string& declared_type) {
  const std::string t = ascii_lower(declared_type);
  if (t.find("int") != std::string::npos) return Affinity::integer;
  for (const char* word : {"char", "clob", "text"}) {
    if (t.find(word) != std::string::npos) return Affinity::text;
  }
  return Affinity::other;
}

// What a column's values say of how to write one: a timestamp column's most common format; an
// id or text column without an INTEGER or TEXT type holds integers when most of its values are.
struct ColumnLearning {
  std::size_t at;   // in the inverses
  bool timestamps;  // else: count integers
  TimestampFormats formats;
  std::uint64_t integers = 0, values = 0;
};

void learn_from_values(const TablePlan& t, std::vector<ColumnLearning>& learn,
                       std::vector<ColumnInverse>& out) {
  if (learn.empty() || t.source_table_missing) return;
  std::string list;
  for (const auto& l : learn)
    list += (list.empty() ? "" : ", ") + quote_ident(out[l.at].column->mapping->source_column);
  RowCursor cursor(*t.source, "SELECT " + list + " FROM " + quote_ident(t.mapping->source_table));
  while (cursor.next()) {
    for (std::size_t k = 0; k < learn.size(); ++k) {
      const SourceValue v = cursor.value(static_cast<int>(k));
      if (learn[k].timestamps && v.type == SqliteType::text) learn[k].formats.add(v.bytes);
      learn[k].integers += v.type == SqliteType::integer;
      learn[k].values += v.type != SqliteType::null;
    }
  }
  for (auto& l : learn) {
    if (l.timestamps) out[l.at].context.timestamp = l.formats.dominant();
    if (!l.timestamps) out[l.at].context.integer_column = l.integers * 2 > l.values;
  }
}

}  // namespace

std::vector<ColumnInverse> column_inverses(const TablePlan& t, const LegacyIds& ids) {
  std::vector<SourceColumn> declared;
  if (!t.source_table_missing) declared = t.source->columns(t.mapping->source_table);
  std::vector<ColumnInverse> out;
  std::vector<ColumnLearning> learn;
  for (const auto& c : t.columns) {
    ColumnInverse inv{&c, find_inverse(c.transform->name), {}};
    if (!inv.invert) {
      throw Failure(ExitCode::config, c.mapping->where + ": " + t.label() + "." +
                                          c.mapping->source_column + ": transform " +
                                          c.mapping->transform + " cannot be run backwards");
    }
    inv.context.convert = &c.context;
    Affinity affinity = Affinity::other;
    for (const auto& d : declared) {
      if (same_name_folded(d.name, c.mapping->source_column))
        affinity = affinity_of(d.declared_type);
    }
    inv.context.integer_column = affinity == Affinity::integer;
    const auto& name = c.transform->name;
    if (name == "timestamptz") learn.push_back({out.size(), true, {}});
    if (affinity == Affinity::other && (name == "text" || name == "remap_id"))
      learn.push_back({out.size(), false, {}});
    const ConvertContext* cc = &c.context;
    inv.context.legacy_id = [&ids, cc](const Uuid& id) {
      return ids.find(cc->source, cc->id_table, id);
    };
    out.push_back(std::move(inv));
  }
  learn_from_values(t, learn, out);
  return out;
}

std::string invert_field(const ColumnInverse& c, const std::optional<std::string_view>& field,
                         SourceValue& out, std::string& scratch) {
  out = SourceValue{};
  if (!field) return {};
  Value v;
  std::string decoded;
  if (auto why = decode_field(c.column->writer, *field, v, decoded); !why.empty()) return why;
  auto why = c.invert(v, c.context, out, scratch);
  // Text the inverse left in the decoder's buffer must outlive this call.
  if (why.empty() && (out.type == SqliteType::text || out.type == SqliteType::blob) &&
      out.bytes.data() >= decoded.data() && out.bytes.data() < decoded.data() + decoded.size()) {
    scratch.assign(out.bytes);
    out.bytes = scratch;
  }
  // An integer the text transform turned into text goes back as one where the column holds
  // integers ("42", not "042": only what the transform itself writes).
  if (why.empty() && c.context.integer_column && c.column->transform->name == "text" &&
      out.type == SqliteType::text) {
    if (const auto n = canonical_integer(out.bytes))
      out = {.type = SqliteType::integer, .integer = *n};
  }
  return why;
}

bool encode_source(const ColumnPlan& c, const SourceValue& v, std::optional<std::string>& out,
                   std::string& scratch) {
  out.reset();
  if (v.type == SqliteType::null) return true;
  Value value;
  if (!c.transform->convert(v, c.context, value, scratch).empty()) return false;
  out.emplace();
  return c.writer.encode(value, *out).empty();
}

}  // namespace s2p
