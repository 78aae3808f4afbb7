#include "sqlite2pg/transform/converter.h"
#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/util/text.h"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s2p {
namespace {

using ::testing::HasSubstr;

SourceValue text(std::string_view s) { return {.type = SqliteType::text, .bytes = s}; }
SourceValue integer(std::int64_t i) { return {.type = SqliteType::integer, .integer = i}; }
SourceValue real(double d) { return {.type = SqliteType::real, .real = d}; }
SourceValue blob(std::string_view s) { return {.type = SqliteType::blob, .bytes = s}; }

struct Result {
  std::string why;
  Value value;
  std::string scratch;
};

Result convert(std::string_view transform, const SourceValue& v,
               ConvertContext ctx = {"src", "tbl", {}}) {
  Result r;
  const Transform* t = find_transform(transform);
  EXPECT_NE(t, nullptr) << transform;
  r.why = t->convert(v, ctx, r.value, r.scratch);
  return r;
}

TEST(Converter, TextKeepsEveryByteAndRefusesWhatPostgresCannotHold) {
  const std::string tricky = "tab\there\r\nback\\slash 'q' \"dq\" \\N 🚀 ";
  auto r = convert("text", text(tricky));
  EXPECT_EQ(r.why, "");
  EXPECT_EQ(r.value.bytes, tricky);
  EXPECT_EQ(convert("text", text("")).value.bytes, "");  // empty string stays empty, not NULL
  EXPECT_EQ(convert("text", integer(42)).value.bytes, "42");
  EXPECT_THAT(convert("text", text(std::string_view("a\0b", 3))).why, HasSubstr("NUL"));
  EXPECT_THAT(convert("text", text("\xc3\x28")).why, HasSubstr("UTF-8"));
  // Numbers as their exact text, a REAL as its shortest round-trip form, so mixed columns load.
  EXPECT_EQ(convert("text", real(1.5)).value.bytes, "1.5");
  EXPECT_EQ(convert("text", real(0.1)).value.bytes, "0.1");
  EXPECT_EQ(convert("text", real(1e300)).value.bytes, "1e+300");
  EXPECT_THAT(convert("text", real(INFINITY)).why, HasSubstr("not finite"));
  EXPECT_THAT(convert("text", blob("x")).why, HasSubstr("BLOB"));
}

TEST(Converter, IntegerBooleanReal) {
  EXPECT_EQ(convert("integer", integer(-7)).value.integer, -7);
  EXPECT_THAT(convert("integer", text("128")).why, HasSubstr("TEXT value where an INTEGER"));
  EXPECT_NE(convert("integer", real(1.0)).why, "");
  EXPECT_EQ(convert("boolean", integer(1)).value.integer, 1);
  EXPECT_EQ(convert("boolean", integer(0)).value.kind, ValueKind::boolean);
  EXPECT_NE(convert("boolean", integer(2)).why, "");
  EXPECT_NE(convert("boolean", text("true")).why, "");
  EXPECT_EQ(convert("real", real(0.25)).value.real, 0.25);
  EXPECT_EQ(convert("real", integer(3)).value.real, 3.0);
}

TEST(Converter, NumericIsPlainDecimalNeverRounded) {
  const auto plain = [](const SourceValue& v) {
    auto r = convert("numeric", v);
    EXPECT_EQ(r.why, "");
    EXPECT_EQ(r.value.kind, ValueKind::numeric);
    return std::string(r.value.bytes);
  };
  EXPECT_EQ(plain(text("19.99")), "19.99");
  EXPECT_EQ(plain(text("-0019.990")), "-19.990");  // scale kept, as numeric keeps it
  EXPECT_EQ(plain(text("1.5e3")), "1500");
  EXPECT_EQ(plain(text("12e-4")), "0.0012");
  EXPECT_EQ(plain(text(".5")), "0.5");
  EXPECT_EQ(plain(text("-0.00")), "0.00");
  EXPECT_EQ(plain(integer(-42)), "-42");
  EXPECT_EQ(plain(real(0.1)), "0.1");  // shortest round trip, not 0.1000000000000000055511
  EXPECT_EQ(plain(real(1e20)), "100000000000000000000");
  EXPECT_EQ(plain(text("12345678901234567890.123456789")), "12345678901234567890.123456789");
  for (const char* bad :
       {"", "abc", "1.2.3", "1e", "NaN", "Infinity", "1,5", " 1", "1e999999999", "1e131072"})
    EXPECT_NE(convert("numeric", text(bad)).why, "") << bad;
  EXPECT_NE(convert("numeric", blob("1")).why, "");
  EXPECT_EQ(plain(text("9e131071")).size(), 131072u);  // numeric's most digits before the point
}

TEST(Converter, DateTimeJson) {
  EXPECT_EQ(convert("date", text("2024-02-29")).value.integer, 19782);
  EXPECT_THAT(convert("date", text("2024-02-30")).why, HasSubstr("no such date"));
  EXPECT_EQ(convert("time", text("10:11:12.5")).value.integer, 36'672'500'000);
  EXPECT_NE(convert("time", integer(5)).why, "");
  const std::string doc = R"({"b": 1,  "a": [1.50]})";
  auto r = convert("json", text(doc));
  EXPECT_EQ(r.why, "");
  EXPECT_EQ(r.value.kind, ValueKind::json_text);
  EXPECT_EQ(r.value.bytes, doc);  // kept exactly as written, spaces and key order
  EXPECT_NE(convert("json", text("{bad")).why, "");
}

std::vector<std::string> elements(std::string_view json, ValueKind element,
                                  std::string separator = "") {
  ConvertContext ctx{"src", "tbl", {}, element_transform(element), separator};
  auto r = convert("array", text(json), ctx);
  EXPECT_EQ(r.why, "") << json;
  EXPECT_EQ(r.value.kind, ValueKind::array);
  std::vector<std::string> out;
  for_each_element(r.value.bytes, [&](const Value& v) {
    if (v.kind == ValueKind::null)
      out.push_back("NULL");
    else if (v.kind == ValueKind::integer)
      out.push_back(std::to_string(v.integer));
    else if (v.kind == ValueKind::uuid)
      out.push_back(format_uuid(v.uuid));
    else
      out.push_back(std::string(v.bytes));
  });
  EXPECT_EQ(static_cast<std::size_t>(r.value.integer), out.size());
  return out;
}

TEST(Converter, ArrayElementsAsTheirTypesTransform) {
  using V = std::vector<std::string>;
  EXPECT_EQ(elements(R"(["a", null, "", true])", ValueKind::text), (V{"a", "NULL", "", "true"}));
  EXPECT_EQ(elements("[1.10, 2e2, 12345678901234567890123]", ValueKind::numeric),
            (V{"1.10", "200", "12345678901234567890123"}));  // exact, as written
  EXPECT_EQ(elements("[1, -2]", ValueKind::integer), (V{"1", "-2"}));
  EXPECT_EQ(elements(R"(["C0FFEE00-0000-4000-8000-00000000000A"])", ValueKind::uuid),
            (V{"c0ffee00-0000-4000-8000-00000000000a"}));
  EXPECT_EQ(elements("[]", ValueKind::text), V{});
  EXPECT_EQ(elements("a,,b", ValueKind::text, ","), (V{"a", "", "b"}));
  EXPECT_EQ(elements("7::8", ValueKind::integer, "::"), (V{"7", "8"}));
  EXPECT_EQ(elements("", ValueKind::text, ","), V{});
  ConvertContext ctx{"src", "tbl", {}, element_transform(ValueKind::integer), ""};
  EXPECT_THAT(convert("array", text("[1, 1.5]"), ctx).why, HasSubstr("element 2"));
  EXPECT_THAT(convert("array", text("[[1]]"), ctx).why, HasSubstr("nested"));
  EXPECT_THAT(convert("array", text(R"([{"a": 1}])"), ctx).why, HasSubstr("object"));
  EXPECT_THAT(convert("array", text("5"), ctx).why, HasSubstr("not a JSON array"));
  EXPECT_THAT(convert("array", text("[1,"), ctx).why, HasSubstr("not valid JSON"));
  EXPECT_NE(convert("array", integer(5), ctx).why, "");
}

TEST(Converter, ByteaIsExact) {
  const std::string bytes("\0\xff\0\x01", 4);
  auto r = convert("bytea", blob(bytes));
  EXPECT_EQ(r.why, "");
  EXPECT_EQ(r.value.bytes, bytes);
  EXPECT_EQ(convert("bytea", blob("")).value.bytes.size(), 0u);
}

TEST(Converter, JsonIsValidatedAndCanonical) {
  auto r = convert("jsonb", text(R"({"b": 1, "a": [1.0, 1e2]})"));
  EXPECT_EQ(r.why, "");
  EXPECT_EQ(r.value.bytes, R"({"a": [1.0, 100], "b": 1})");
  EXPECT_NE(convert("jsonb", text("{bad")).why, "");
  EXPECT_NE(convert("jsonb", text("")).why, "");
  EXPECT_NE(convert("jsonb", integer(1)).why, "");
}

TEST(Converter, UuidKeepsCaseFoldedValueAndMapsConstants) {
  auto r = convert("uuid", text("F9A0B1C2-D3E4-4F5A-8B6C-7D8E9FA0B1C2"));
  EXPECT_EQ(r.why, "");
  EXPECT_EQ(format_uuid(r.value.uuid), "f9a0b1c2-d3e4-4f5a-8b6c-7d8e9fa0b1c2");
  EXPECT_NE(convert("uuid", text("default")).why, "");
  ConvertContext ctx{
      "swarm", "", {{"default", *parse_uuid("2c7bc33c-08c2-514a-a14d-f635ffdda693")}}};
  EXPECT_EQ(format_uuid(convert("uuid", text("default"), ctx).value.uuid),
            "2c7bc33c-08c2-514a-a14d-f635ffdda693");
}

TEST(Converter, RemappedIdsAreDeterministicAndSharedByReferences) {
  ConvertContext users{"swarm", "users", {}};
  const auto a = convert("remap_id", text("usr_admin"), users).value.uuid;
  const auto b = convert("remap_id", text("usr_admin"), users).value.uuid;
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, remapped_id("swarm", "users", "usr_admin"));
  EXPECT_EQ(format_uuid(a)[14], '5');  // version 5
  // The same legacy id in another table or source is another row.
  EXPECT_NE(a, remapped_id("swarm", "roles", "usr_admin"));
  EXPECT_NE(a, remapped_id("other", "users", "usr_admin"));
  // INTEGER 42 is the legacy id '42'.
  EXPECT_EQ(convert("remap_id", integer(42), {"swarm", "roles", {}}).value.uuid,
            remapped_id("swarm", "roles", "42"));
  // UUID-shaped ids keep their value.
  EXPECT_EQ(
      format_uuid(
          convert("remap_id", text("A4B5C6D7-E8F9-4A0B-9C1D-2E3F4A5B6C7D"), users).value.uuid),
      "a4b5c6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d");
  EXPECT_NE(convert("remap_id", text(""), users).why, "");
  EXPECT_NE(convert("remap_id", real(1.5), users).why, "");
}

TEST(Converter, EpochTransforms) {
  EXPECT_EQ(convert("epoch_seconds", integer(1735121472)).value.integer, 1735121472LL * 1'000'000);
  EXPECT_EQ(convert("epoch_milliseconds", integer(1735121472345)).value.integer,
            1735121472345LL * 1000);
  EXPECT_NE(convert("epoch_seconds", text("1735121472")).why, "");
  EXPECT_NE(convert("epoch_seconds", integer(1735121472345)).why, "");
}

TEST(Uuid, ParseFormatAndV5) {
  EXPECT_FALSE(parse_uuid("f9a0b1c2d3e44f5a8b6c7d8e9fa0b1c2"));
  EXPECT_FALSE(parse_uuid("{f9a0b1c2-d3e4-4f5a-8b6c-7d8e9fa0b1c2}"));
  EXPECT_FALSE(parse_uuid("g9a0b1c2-d3e4-4f5a-8b6c-7d8e9fa0b1c2"));
  // RFC 4122 appendix example: uuid5(DNS namespace, "python.org")
  const Uuid dns = *parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  EXPECT_EQ(format_uuid(uuid_v5(dns, "python.org")), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

}  // namespace
}  // namespace s2p

namespace s2p {
namespace {

TEST(Text, ExcerptsTellBytesApart) {
  EXPECT_EQ(excerpt(std::string_view("a\0b", 3)), "'a\\x00b'");
  EXPECT_EQ(excerpt("a\\x00b"), "'a\\\\x00b'");  // a backslash is shown doubled
  EXPECT_EQ(excerpt("tab\there"), "'tab\\there'");
  EXPECT_THAT(excerpt(std::string(100, 'x'), 10), HasSubstr("(100 bytes)"));
  EXPECT_EQ(format_real(0.1), "0.1");
  EXPECT_EQ(format_real(1e-9), "1e-09");
  EXPECT_EQ(quote_ident("x\"; DROP"), "\"x\"\"; DROP\"");
}

}  // namespace
}  // namespace s2p
