#include "sqlite2pg/transform/array.h"

#include <bit>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "sqlite2pg/util/bytes.h"

namespace s2p {
namespace {

bool has_bytes(ValueKind k) {
  return k == ValueKind::text || k == ValueKind::bytes || k == ValueKind::json ||
         k == ValueKind::json_text || k == ValueKind::numeric;
}

// Converts one element with the element transform and packs it; `index` counts from 1.
class ElementSink {
 public:
  ElementSink(const ConvertContext& ctx, std::string& packed) : ctx_(ctx), packed_(packed) {}

  std::string add(const SourceValue& v) {
    ++count_;
    Value out;
    if (v.type != SqliteType::null) {
      if (auto why = ctx_.element->convert(v, ctx_, out, scratch_); !why.empty())
        return "element " + std::to_string(count_) + ": " + why;
    }
    pack_element(out, packed_);
    return {};
  }
  // A number (or a piece of delimited text) as the element type wants it: its text for text and
  // numeric (exact), else a number of SQLite's own kinds, which the element transform checks.
  std::string add_number(std::string_view text, bool integral) {
    const ValueKind kind = ctx_.element->produces;
    if (kind == ValueKind::text || kind == ValueKind::numeric)
      return add({.type = SqliteType::text, .bytes = text});
    std::int64_t i = 0;
    if (integral &&
        std::from_chars(text.data(), text.data() + text.size(), i).ptr == text.data() + text.size())
      return add({.type = SqliteType::integer, .integer = i});
    const std::string copy(text);
    char* end = nullptr;
    const double d = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size()) return add({.type = SqliteType::text, .bytes = text});
    return add({.type = SqliteType::real, .real = d});
  }
  // true/false: words for a text element, else 1/0 as SQLite stores booleans.
  std::string add_boolean(bool b) {
    if (ctx_.element->produces == ValueKind::text)
      return add({.type = SqliteType::text, .bytes = b ? "true" : "false"});
    return add({.type = SqliteType::integer, .integer = b ? 1 : 0});
  }
  std::int64_t count() const { return count_; }

 private:
  const ConvertContext& ctx_;
  std::string& packed_;
  std::string scratch_;
  std::int64_t count_ = 0;
};

// Reads a JSON array of scalars into the sink; anything else is an error with its reason.
class JsonArrayReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit JsonArrayReader(ElementSink& sink) : sink_(sink) {}
  std::string why;

  bool null() override { return element() && take(sink_.add({})); }
  bool boolean(bool b) override { return element() && take(sink_.add_boolean(b)); }
  bool number_integer(number_integer_t v) override {
    return element() && take(sink_.add_number(std::to_string(v), true));
  }
  bool number_unsigned(number_unsigned_t v) override {
    return element() && take(sink_.add_number(std::to_string(v), true));
  }
  bool number_float(number_float_t, const string_t& text) override {
    return element() && take(sink_.add_number(text, false));
  }
  bool string(string_t& s) override {
    return element() && take(sink_.add({.type = SqliteType::text, .bytes = s}));
  }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) override {
    return fail(depth_ == 0 ? "not a JSON array" : "an object is not an array element");
  }
  bool key(string_t&) override { return false; }
  bool end_object() override { return false; }
  bool start_array(std::size_t) override {
    if (depth_++ == 0) return true;
    return fail("nested arrays are not loaded (one dimension only)");
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    if (why.empty()) why = "not valid JSON (at byte " + std::to_string(position) + ")";
    return false;
  }

 private:
  bool element() { return depth_ == 1 || fail("not a JSON array"); }
  bool take(std::string reason) { return reason.empty() || fail(std::move(reason)); }
  bool fail(std::string reason) {
    if (why.empty()) why = std::move(reason);
    return false;
  }
  ElementSink& sink_;
  int depth_ = 0;
};

std::string split_text(std::string_view text, const std::string& sep, ElementSink& sink) {
  if (text.empty()) return {};  // no elements: '{}'
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(sep, start);
    const auto piece = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (auto why = sink.add_number(piece, true); !why.empty()) return why;
    if (end == std::string_view::npos) return {};
    start = end + sep.size();
  }
}

}  // namespace

void pack_element(const Value& v, std::string& out) {
  out.push_back(static_cast<char>(v.kind));
  if (v.kind == ValueKind::null) return;
  if (has_bytes(v.kind)) {
    put_u32(out, static_cast<std::uint32_t>(v.bytes.size()));
    out.append(v.bytes);
  } else if (v.kind == ValueKind::uuid) {
    out.append(reinterpret_cast<const char*>(v.uuid.data()), v.uuid.size());
  } else if (v.kind == ValueKind::real) {
    put_u64(out, std::bit_cast<std::uint64_t>(v.real));
  } else {
    put_u64(out, static_cast<std::uint64_t>(v.integer));
  }
}

void for_each_element(std::string_view p, const std::function<void(const Value&)>& each) {
  for (std::size_t at = 0; at < p.size();) {
    Value v{.kind = static_cast<ValueKind>(p[at++])};
    if (v.kind == ValueKind::null) {
    } else if (has_bytes(v.kind)) {
      const std::size_t n = get_u32(p, at);
      v.bytes = p.substr(at + 4, n);
      at += 4 + n;
    } else if (v.kind == ValueKind::uuid) {
      std::memcpy(v.uuid.data(), p.data() + at, v.uuid.size());
      at += v.uuid.size();
    } else {
      const std::uint64_t bits = get_u64(p, at);
      at += 8;
      if (v.kind == ValueKind::real)
        v.real = std::bit_cast<double>(bits);
      else
        v.integer = static_cast<std::int64_t>(bits);
    }
    each(v);
  }
}

const Transform* element_transform(ValueKind kind) {
  for (const auto& t : transforms()) {
    if (t.produces == kind && t.name != "array" && !t.computed_by_server) return &t;
  }
  return nullptr;
}

std::string to_array(const SourceValue& v, const ConvertContext& ctx, Value& out,
                     std::string& scratch) {
  if (v.type != SqliteType::text)
    return "holds a non-TEXT value where a JSON array or delimited TEXT is expected";
  scratch.clear();
  ElementSink sink(ctx, scratch);
  std::string why;
  if (!ctx.separator.empty()) {
    why = split_text(v.bytes, ctx.separator, sink);
  } else {
    JsonArrayReader reader(sink);
    if (!nlohmann::json::sax_parse(v.bytes, &reader))
      why = reader.why.empty() ? "not a JSON array" : reader.why;
  }
  if (!why.empty()) return why;
  out = {.kind = ValueKind::array, .integer = sink.count(), .bytes = scratch};
  return {};
}

}  // namespace s2p
