// Rollback's reading side: binary fields decoded back into values (the exact inverse of each
// encoder), and the transforms run backwards (forward(inverse(v)) == v).
#include "sqlite2pg/transform/inverse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <memory>
#include <random>

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/util/bytes.h"

namespace s2p {
namespace {

using ::testing::HasSubstr;

constexpr std::uint32_t kInt8Oid = 20, kTextOid = 25, kFloat8Oid = 701, kBoolOid = 16;
constexpr std::uint32_t kNumericOid = 1700, kUuidOid = 2950, kTimestamptzOid = 1184;

// numeric(p,s) carries typmod ((p << 16) | s) + 4; varchar(n) and char(n) carry n + 4.
constexpr std::int32_t numeric_typmod(int p, int s) { return ((p << 16) | (s & 0x7ff)) + 4; }

ColumnWriter writer(std::string_view type, std::int32_t typmod = -1) {
  const auto* e = find_encoder(type);
  EXPECT_NE(e, nullptr) << type;
  return {e, {typmod, nullptr}};
}

ColumnWriter array_of(std::string_view element, std::uint32_t oid, std::int32_t typmod = -1) {
  auto e = std::make_shared<const ColumnWriter>(writer(element, typmod));
  return {find_encoder("array"), {-1, nullptr, e, oid}};
}

bool same(const Value& a, const Value& b) {
  return a.kind == b.kind && a.integer == b.integer &&
         std::bit_cast<std::uint64_t>(a.real) == std::bit_cast<std::uint64_t>(b.real) &&
         a.bytes == b.bytes && a.uuid == b.uuid;
}

std::string encoded(const ColumnWriter& w, const Value& v) {
  std::string out;
  EXPECT_EQ(w.encode(v, out), "");
  return out;
}

// The decoder's refusal of `bytes`, "" when it reads them.
std::string refusal(const ColumnWriter& w, std::string_view bytes) {
  Value v;
  std::string scratch;
  return decode_field(w, bytes, v, scratch);
}

// encode -> decode gives `v` back, and encoding that again gives the same bytes.
void expect_round_trip(const ColumnWriter& w, const Value& v) {
  const std::string bytes = encoded(w, v);
  Value back;
  std::string scratch;
  ASSERT_EQ(decode_field(w, bytes, back, scratch), "") << w.encoder->pg_type;
  EXPECT_TRUE(same(back, v)) << w.encoder->pg_type << ": " << w.show(bytes);
  EXPECT_EQ(encoded(w, back), bytes) << w.encoder->pg_type;
}

Value packed_array(std::string& packed, std::initializer_list<Value> elements) {
  packed.clear();
  for (const Value& e : elements) pack_element(e, packed);
  return {.kind = ValueKind::array,
          .integer = static_cast<std::int64_t>(elements.size()),
          .bytes = packed};
}

TEST(CopyDecoder, EveryEncoderTypeHasAReader) {
  for (const auto& e : encoders()) {
    ColumnWriter w{&e, {}};
    EXPECT_THAT(refusal(w, ""), ::testing::Not(HasSubstr("no reader"))) << e.pg_type;
  }
}

TEST(CopyDecoder, ScalarsRoundTrip) {
  using K = ValueKind;
  for (std::int64_t i : {0LL, 1LL, -1LL, 32767LL, -32768LL})
    expect_round_trip(writer("int2"), {.kind = K::integer, .integer = i});
  for (std::int64_t i : {0LL, -7LL, 2147483647LL, -2147483648LL})
    expect_round_trip(writer("int4"), {.kind = K::integer, .integer = i});
  for (std::int64_t i : std::initializer_list<std::int64_t>{INT64_MIN, INT64_MAX, -256, 1LL << 40})
    expect_round_trip(writer("int8"), {.kind = K::integer, .integer = i});
  for (double d : {0.0, -0.0, 0.1, -1e300, HUGE_VAL, 5e-324})
    expect_round_trip(writer("float8"), {.kind = K::real, .real = d});
  for (double d : {0.5, -3.25, static_cast<double>(1e30f)})
    expect_round_trip(writer("float4"), {.kind = K::real, .real = d});
  for (std::int64_t b : {0, 1})
    expect_round_trip(writer("bool"), {.kind = K::boolean, .integer = b});
  expect_round_trip(writer("text"), {.kind = K::text, .bytes = "é \t\"q\""});
  expect_round_trip(writer("varchar", 10 + 4), {.kind = K::text, .bytes = "abc"});
  expect_round_trip(writer("bpchar", 5 + 4), {.kind = K::text, .bytes = "ab   "});  // as stored
  expect_round_trip(writer("bytea"), {.kind = K::bytes, .bytes = std::string_view("\0\xff", 2)});
  expect_round_trip(writer("uuid"),
                    {.kind = K::uuid, .uuid = *parse_uuid("00112233-4455-6677-8899-aabbccddeeff")});
  expect_round_trip(writer("jsonb"), {.kind = K::json, .bytes = R"({"a": [1, 2]})"});
  expect_round_trip(writer("json"), {.kind = K::json_text, .bytes = R"( {"a" :1} )"});
}

TEST(CopyDecoder, TimesRoundTrip) {
  using K = ValueKind;
  for (std::int64_t us :
       {0LL, -1LL, 1735121472123456LL, -62135596800000000LL, 253402300799999999LL})
    expect_round_trip(writer("timestamptz"), {.kind = K::timestamp, .integer = us});
  expect_round_trip(writer("timestamp"), {.kind = K::timestamp, .integer = 946684800000000});
  for (std::int64_t d : {0LL, -1LL, 10957LL, 2932896LL, -719162LL})
    expect_round_trip(writer("date"), {.kind = K::date, .integer = d});
  for (std::int64_t us : {0LL, 1LL, 86'400'000'000LL, 36'000'500'000LL})
    expect_round_trip(writer("time"), {.kind = K::time, .integer = us});
}

TEST(CopyDecoder, NumericAsPostgresPrintsIt) {
  const auto decoded = [](std::string_view plain, std::int32_t typmod = -1) {
    const auto w = writer("numeric", typmod);
    Value back;
    std::string scratch;
    EXPECT_EQ(
        decode_field(w, encoded(w, {.kind = ValueKind::numeric, .bytes = plain}), back, scratch),
        "");
    EXPECT_EQ(back.kind, ValueKind::numeric);
    EXPECT_EQ(encoded(w, back), encoded(w, {.kind = ValueKind::numeric, .bytes = plain}));
    return std::string(back.bytes);
  };
  for (const char* plain : {"0", "12.50", "-0.001", "10000", "-12345678.5", "0.00012", "0.00",
                            "99999999999999999999999999.000000000000000000001", "1.0000"})
    EXPECT_EQ(decoded(plain), plain);
  EXPECT_EQ(decoded("12.5", numeric_typmod(10, 2)), "12.50");  // the scale's digits included
  EXPECT_EQ(decoded("7", numeric_typmod(10, 3)), "7.000");
  EXPECT_EQ(decoded("12300", numeric_typmod(5, -2)), "12300");
}

std::string numeric_bytes(std::initializer_list<int> fields) {
  std::string out;
  for (int f : fields) put_u16(out, static_cast<std::uint16_t>(f));
  return out;
}

TEST(CopyDecoder, RefusesWhatHasNoValue) {
  const auto numeric = writer("numeric");
  EXPECT_THAT(refusal(numeric, numeric_bytes({0, 0, 0xC000, 0})), HasSubstr("NaN"));
  EXPECT_THAT(refusal(numeric, numeric_bytes({0, 0, 0xD000, 0})), HasSubstr("Infinity"));
  EXPECT_THAT(refusal(numeric, numeric_bytes({0, 0, 0xF000, 0})), HasSubstr("Infinity"));
  EXPECT_THAT(refusal(numeric, numeric_bytes({1, 0, 0, 0})), HasSubstr("malformed"));  // short
  EXPECT_THAT(refusal(numeric, numeric_bytes({1, 0, 0, 0, 10000})), HasSubstr("malformed"));
  EXPECT_THAT(refusal(numeric, numeric_bytes({1, -1, 0, 2, 5})), HasSubstr("display scale"));
  EXPECT_THAT(refusal(numeric, std::string_view("\0\0", 2)), HasSubstr("malformed"));
  std::string ts;
  put_u64(ts, static_cast<std::uint64_t>(INT64_MAX));
  EXPECT_THAT(refusal(writer("timestamptz"), ts), HasSubstr("infinity"));
  ts.clear();
  put_u64(ts, static_cast<std::uint64_t>(INT64_MIN));
  EXPECT_THAT(refusal(writer("timestamp"), ts), HasSubstr("infinity"));
  std::string date;
  put_u32(date, 0x7fffffffu);
  EXPECT_THAT(refusal(writer("date"), date), HasSubstr("infinity"));
  EXPECT_THAT(refusal(writer("jsonb"), std::string("\2{}", 3)), HasSubstr("version 2"));
  EXPECT_NE(refusal(writer("jsonb"), ""), "");
  EXPECT_THAT(refusal(writer("int4"), std::string(3, '\0')), HasSubstr("3-byte"));
  EXPECT_NE(refusal(writer("int8"), std::string(4, '\0')), "");
  EXPECT_NE(refusal(writer("uuid"), std::string(15, '\0')), "");
  EXPECT_NE(refusal(writer("bool"), "\2"), "");
  EXPECT_NE(refusal(writer("float8"), ""), "");
  EXPECT_NE(refusal(writer("time"), ""), "");
  EXPECT_EQ(refusal(ColumnWriter{}, "x"), "a type the loader cannot write has no reader");
}

TEST(CopyDecoder, ArraysRoundTripWithNullElements) {
  std::string packed;
  expect_round_trip(array_of("int8", kInt8Oid),
                    packed_array(packed, {{.kind = ValueKind::integer, .integer = 1},
                                          {},
                                          {.kind = ValueKind::integer, .integer = -3}}));
  expect_round_trip(array_of("text", kTextOid),
                    packed_array(packed, {{.kind = ValueKind::text, .bytes = "a,b"},
                                          {.kind = ValueKind::text, .bytes = ""},
                                          {}}));
  expect_round_trip(array_of("numeric", kNumericOid, numeric_typmod(6, 2)),
                    packed_array(packed, {{.kind = ValueKind::numeric, .bytes = "1.50"}}));
  expect_round_trip(array_of("int8", kInt8Oid), packed_array(packed, {}));  // '{}'
}

// An array's header (dimensions, has-nulls, element oid, then length and lower bound).
std::string array_header(std::uint32_t dims, std::uint32_t oid, std::uint32_t length,
                         std::uint32_t lower) {
  std::string b;
  for (std::uint32_t x : {dims, 0u, oid}) put_u32(b, x);
  for (std::uint32_t d = 0; d < dims; ++d) put_u32(b, length), put_u32(b, lower);
  return b;
}

TEST(CopyDecoder, ArraysOnlyOneDimensionalFromOne) {
  const auto w = array_of("int4", 23);
  EXPECT_THAT(refusal(w, array_header(2, 23, 0, 1)), HasSubstr("2 dimensions"));
  EXPECT_THAT(refusal(w, array_header(1, 23, 0, 0)), HasSubstr("lower bound"));
  EXPECT_THAT(refusal(w, array_header(0, 24, 0, 0)), HasSubstr("oid"));
  EXPECT_THAT(refusal(w, array_header(1, 23, 2, 1)), HasSubstr("cut off"));
  std::string b = array_header(1, 23, 1, 1);
  put_u32(b, 4);
  put_u32(b, 7);
  EXPECT_EQ(refusal(w, b), "");
  EXPECT_THAT(refusal(w, b + "x"), HasSubstr("after its last element"));
  b = array_header(1, 23, 1, 1);
  put_u32(b, 100);
  EXPECT_THAT(refusal(w, b + "abc"), HasSubstr("cut off"));
  b = array_header(1, 23, 1, 1);
  put_u32(b, 2);
  EXPECT_THAT(refusal(w, b + "ab"), HasSubstr("element 1: 2-byte"));
  EXPECT_NE(refusal(w, "abc"), "");
}

// Bytes that are no field of the type give a reason, never undefined behaviour (the sanitizer
// build checks that): random bytes, and valid fields cut short or with a byte changed.
TEST(CopyDecoder, MalformedBytesGiveReasons) {
  std::vector<ColumnWriter> writers;
  for (const auto& e : encoders()) {
    if (e.pg_type != "array") writers.push_back({&e, {}});
  }
  writers.push_back(array_of("int4", 23));
  writers.push_back(array_of("numeric", kNumericOid));
  std::string packed;
  const Value numbers = packed_array(packed, {{.kind = ValueKind::integer, .integer = 5}, {}});
  const std::string valid =
      encoded(array_of("int4", 23), numbers) +
      encoded(writer("numeric"), {.kind = ValueKind::numeric, .bytes = "-12.5"});
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes = valid.substr(0, random() % (valid.size() + 1));
    if (!bytes.empty() && round % 2) bytes[random() % bytes.size()] = static_cast<char>(random());
    if (round % 3 == 0) {
      bytes.resize(random() % 40);
      for (char& c : bytes) c = static_cast<char>(random());
    }
    for (const auto& w : writers) {
      Value v;
      std::string scratch;
      (void)decode_field(w, bytes, v, scratch);
    }
  }
}

TEST(CopyDecoder, TupleFields) {
  std::string t;
  put_u16(t, 3);
  put_u32(t, 2);
  t += "ab";
  put_u32(t, 0xffffffffu);
  put_u32(t, 0);
  const auto f = tuple_fields(t);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0], "ab");
  EXPECT_FALSE(f[1].has_value());
  EXPECT_EQ(f[2], "");
  std::string cut;
  put_u16(cut, 1);
  put_u32(cut, 9);
  EXPECT_TRUE(tuple_fields(cut + "abc").empty());  // a cut-off field is no field
  EXPECT_TRUE(tuple_fields("x").empty());
}

// ---- Transforms run backwards ----

SourceValue text(std::string_view s) { return {.type = SqliteType::text, .bytes = s}; }
SourceValue integer(std::int64_t i) { return {.type = SqliteType::integer, .integer = i}; }
SourceValue real(double d) { return {.type = SqliteType::real, .real = d}; }
SourceValue blob(std::string_view s) { return {.type = SqliteType::blob, .bytes = s}; }

std::string shown(const SourceValue& v) {
  return v.type == SqliteType::integer ? "INTEGER " + std::to_string(v.integer)
         : v.type == SqliteType::real  ? "REAL " + std::to_string(v.real)
         : v.type == SqliteType::text  ? "TEXT '" + std::string(v.bytes) + "'"
                                       : "BLOB";
}

struct Inverted {
  std::string why;
  SourceValue value;
  std::string scratch;
};

Inverted invert(std::string_view transform, const Value& v, const InverseContext& ctx) {
  Inverted r;
  const InvertFn f = find_inverse(transform);
  EXPECT_NE(f, nullptr) << transform;
  if (f) r.why = f(v, ctx, r.value, r.scratch);
  return r;
}

// SQLite -> transform -> binary -> decoded -> inverse -> transform again: the same value and the
// same bytes. Returns the SQLite value the inverse gave, for the caller to look at.
struct Case {
  std::string_view transform;
  ColumnWriter writer;
  ConvertContext convert{"src", "tbl", {}};
  TimestampFormat timestamp{};
  std::function<std::optional<std::string>(const Uuid&)> legacy_id{};
  bool integer_column = false;

  std::string round_trip(const SourceValue& source) const {
    const Transform* t = find_transform(transform);
    Value first, decoded, again;
    std::string s1, s2, s3, bytes, bytes_again;
    EXPECT_EQ(t->convert(source, convert, first, s1), "") << shown(source);
    EXPECT_EQ(writer.encode(first, bytes), "") << shown(source);
    EXPECT_EQ(decode_field(writer, bytes, decoded, s2), "") << shown(source);
    const InverseContext ctx{&convert, timestamp, legacy_id, integer_column};
    const Inverted inv = invert(transform, decoded, ctx);
    EXPECT_EQ(inv.why, "") << transform << ": " << shown(source);
    if (!inv.why.empty()) return inv.why;
    EXPECT_EQ(t->convert(inv.value, convert, again, s3), "") << shown(inv.value);
    EXPECT_TRUE(same(again, decoded))
        << transform << ": " << shown(source) << " came back as " << shown(inv.value);
    EXPECT_EQ(writer.encode(again, bytes_again), "");
    EXPECT_EQ(bytes_again, bytes) << transform << ": " << shown(source);
    return shown(inv.value);
  }
};

// A round trip through `transform` into a column of `w`, with no more context than the defaults.
std::string trip(std::string_view transform, const ColumnWriter& w, const SourceValue& source) {
  return Case{transform, w}.round_trip(source);
}

TEST(Inverse, EveryTransformHasOne) {
  for (const auto& t : transforms()) EXPECT_NE(find_inverse(t.name), nullptr) << t.name;
  EXPECT_EQ(find_inverse("no_such_transform"), nullptr);
}

TEST(Inverse, ScalarTransformsRoundTrip) {
  const Case text_case{"text", writer("text")};
  EXPECT_EQ(text_case.round_trip(text("tab\there \"q\" 🚀")), "TEXT 'tab\there \"q\" 🚀'");
  EXPECT_EQ(text_case.round_trip(integer(42)), "TEXT '42'");
  EXPECT_EQ(trip("text", writer("bpchar", 6 + 4), text("ab")), "TEXT 'ab    '");
  EXPECT_EQ(trip("integer", writer("int8"), integer(INT64_MIN)),
            "INTEGER " + std::to_string(INT64_MIN));
  EXPECT_EQ(trip("integer", writer("int2"), integer(-7)), "INTEGER -7");
  for (double d : {0.1, 1e300, 3.0, HUGE_VAL}) trip("real", writer("float8"), real(d));
  trip("real", writer("float4"), real(0.5));
  trip("real", writer("float8"), integer(7));
  EXPECT_EQ(trip("boolean", writer("bool"), integer(1)), "INTEGER 1");
  EXPECT_EQ(trip("boolean", writer("bool"), integer(0)), "INTEGER 0");
  EXPECT_EQ(trip("bytea", writer("bytea"), blob(std::string_view("\0\1\xff", 3))), "BLOB");
  EXPECT_EQ(trip("json", writer("json"), text(R"( { "b" : 1, "a": [ ] } )")),
            R"(TEXT ' { "b" : 1, "a": [ ] } ')");
  EXPECT_EQ(trip("jsonb", writer("jsonb"), text(R"( { "bb" : "x y", "a": [1, 2.50] })")),
            R"(TEXT '{"a":[1,2.50],"bb":"x y"}')");
  EXPECT_EQ(trip("jsonb", writer("jsonb"), text(R"({"k": "q\" \\ \n z"})")),
            R"(TEXT '{"k":"q\" \\ \n z"}')");
}

TEST(Inverse, NumericDatesAndTimesRoundTrip) {
  const Case numeric{"numeric", writer("numeric", numeric_typmod(10, 2))};
  EXPECT_EQ(numeric.round_trip(text("12.5")), "TEXT '12.50'");
  EXPECT_EQ(numeric.round_trip(text("-0.001e1")), "TEXT '-0.01'");
  EXPECT_EQ(numeric.round_trip(integer(0)), "TEXT '0.00'");
  EXPECT_EQ(trip("numeric", writer("numeric"), real(0.1)), "TEXT '0.1'");
  EXPECT_EQ(trip("numeric", writer("numeric"), text("1.5e3")), "TEXT '1500'");
  const Case date{"date", writer("date")};
  EXPECT_EQ(date.round_trip(text("2024-02-29")), "TEXT '2024-02-29'");
  EXPECT_EQ(date.round_trip(text("0001-01-01")), "TEXT '0001-01-01'");
  EXPECT_EQ(date.round_trip(text("1969-12-31T00:00:00Z")), "TEXT '1969-12-31'");
  const Case time{"time", writer("time")};
  EXPECT_EQ(time.round_trip(text("10:11")), "TEXT '10:11:00'");
  EXPECT_EQ(time.round_trip(text("23:59:59.5")), "TEXT '23:59:59.500000'");
  EXPECT_EQ(time.round_trip(text("24:00:00")), "TEXT '24:00:00'");
}

TEST(Inverse, TimestampsInTheColumnsFormat) {
  Case c{"timestamptz", writer("timestamptz")};
  EXPECT_EQ(c.round_trip(text("2024-12-25T12:11:12+02:00")), "TEXT '2024-12-25 10:11:12'");
  c.timestamp = {.separator = 'T', .zone = TimestampFormat::Zone::z, .fraction_digits = 3};
  EXPECT_EQ(c.round_trip(text("2024-12-25 10:11:12")), "TEXT '2024-12-25T10:11:12.000Z'");
  EXPECT_EQ(c.round_trip(text("1960-01-01 00:00:00.000001")), "TEXT '1960-01-01T00:00:00.000001Z'");
  c.timestamp = {.zone = TimestampFormat::Zone::offset};
  EXPECT_EQ(c.round_trip(text("2024-12-25 10:11:12.5")), "TEXT '2024-12-25 10:11:12.5+00:00'");
  c.timestamp = {.date_only = true};
  EXPECT_EQ(c.round_trip(text("2024-12-25")), "TEXT '2024-12-25'");
  EXPECT_EQ(c.round_trip(text("2024-12-25T10:00:00Z")), "TEXT '2024-12-25 10:00:00'");
  trip("timestamptz", writer("timestamp"), text("9999-12-31 23:59:59.999999"));
}

TEST(Inverse, ValuesWithoutASqliteFormAreRefused) {
  const InverseContext ctx;
  EXPECT_THAT(invert("real", {.kind = ValueKind::real, .real = NAN}, ctx).why, HasSubstr("NaN"));
  EXPECT_THAT(invert("real", {.kind = ValueKind::real, .real = -0.0}, ctx).why, HasSubstr("-0"));
  EXPECT_NE(invert("boolean", {.kind = ValueKind::boolean, .integer = 2}, ctx).why, "");
  EXPECT_THAT(invert("text", {.kind = ValueKind::text, .bytes = "\xff"}, ctx).why,
              HasSubstr("UTF-8"));
  EXPECT_THAT(
      invert("timestamptz", {.kind = ValueKind::timestamp, .integer = -62135596800000001}, ctx).why,
      HasSubstr("0001 to 9999"));
  EXPECT_THAT(invert("date", {.kind = ValueKind::date, .integer = 2932897}, ctx).why,
              HasSubstr("0001 to 9999"));
  EXPECT_NE(invert("time", {.kind = ValueKind::time, .integer = -1}, ctx).why, "");
}

TEST(Inverse, EpochsOnlyOfWholeUnits) {
  const Case seconds{"epoch_seconds", writer("timestamptz")};
  EXPECT_EQ(seconds.round_trip(integer(1735121472)), "INTEGER 1735121472");
  EXPECT_EQ(seconds.round_trip(integer(-2208988800)), "INTEGER -2208988800");  // 1900-01-01
  const Case millis{"epoch_milliseconds", writer("timestamptz")};
  EXPECT_EQ(millis.round_trip(integer(1735121472123)), "INTEGER 1735121472123");
  const InverseContext ctx;
  const Value half{.kind = ValueKind::timestamp, .integer = 1735121472'500000};
  EXPECT_EQ(invert("epoch_seconds", half, ctx).why,
            "2024-12-25T10:11:12.5Z is not a whole second; epoch_seconds has no place for its "
            "fraction");
  const Value micro{.kind = ValueKind::timestamp, .integer = 1735121472'000001};
  EXPECT_THAT(invert("epoch_milliseconds", micro, ctx).why, HasSubstr("not a whole millisecond"));
  EXPECT_EQ(invert("epoch_milliseconds", half, ctx).value.integer, 1735121472500);
  const Value negative{.kind = ValueKind::timestamp, .integer = -1'500000};
  EXPECT_THAT(invert("epoch_seconds", negative, ctx).why, HasSubstr("not a whole second"));
  // The forward transform refuses epochs outside 1900..2200; so does the inverse.
  const Value far{.kind = ValueKind::timestamp, .integer = 32503680000'000000};  // 3000-01-01
  EXPECT_THAT(invert("epoch_seconds", far, ctx).why, HasSubstr("outside 1900..2200"));
}

TEST(Inverse, UuidConstantsWord) {
  const Uuid none = *parse_uuid("00000000-0000-0000-0000-000000000000");
  const std::string other_text = "8f14e45f-ceea-4e7a-9c6b-2b6f1d5a3c11";
  Case c{"uuid", writer("uuid")};
  c.convert.constants = {{"none", none}, {"zero", none}};
  EXPECT_EQ(c.round_trip(text("zero")), "TEXT 'none'");  // either word reads back the same
  EXPECT_EQ(c.round_trip(text("8F14E45F-CEEA-4E7A-9C6B-2B6F1D5A3C11")),
            "TEXT '" + other_text + "'");
  // A word that is itself a UUID's text maps elsewhere: the other letter case reads back right.
  c.convert.constants = {{other_text, none}};
  EXPECT_EQ(c.round_trip(text("8F14E45F-CEEA-4E7A-9C6B-2B6F1D5A3C11")),
            "TEXT '8F14E45F-CEEA-4E7A-9C6B-2B6F1D5A3C11'");
}

TEST(Inverse, RemapIdIntegerTextOrMissing) {
  const ConvertContext convert{"src", "users", {}};
  const Uuid u42 = remapped_id("src", "users", "42");
  const Uuid u042 = remapped_id("src", "users", "042");
  const Uuid kept = *parse_uuid("8f14e45f-ceea-4e7a-9c6b-2b6f1d5a3c11");
  const auto legacy = [&](const Uuid& u) -> std::optional<std::string> {
    if (u == u42) return "42";
    if (u == u042) return "042";
    if (u == kept) return std::nullopt;
    return "not what it remaps from";
  };
  Case c{"remap_id", writer("uuid"), convert, {}, legacy, true};
  EXPECT_EQ(c.round_trip(integer(42)), "INTEGER 42");
  EXPECT_EQ(c.round_trip(text("042")), "TEXT '042'");  // not an INTEGER's text
  c.integer_column = false;
  EXPECT_EQ(c.round_trip(integer(42)), "TEXT '42'");
  EXPECT_EQ(c.round_trip(text("8F14E45F-CEEA-4E7A-9C6B-2B6F1D5A3C11")),
            "TEXT '8f14e45f-ceea-4e7a-9c6b-2b6f1d5a3c11'");
  InverseContext ctx{&convert, {}, legacy, true};
  EXPECT_EQ(invert("remap_id", {.kind = ValueKind::uuid, .uuid = kept}, ctx).why,
            "UUID 8f14e45f-ceea-4e7a-9c6b-2b6f1d5a3c11 has no legacy INTEGER id in etl.id_map");
  const Uuid stray = remapped_id("src", "users", "7");
  EXPECT_THAT(invert("remap_id", {.kind = ValueKind::uuid, .uuid = stray}, ctx).why,
              HasSubstr("does not remap to"));
  ctx.legacy_id = nullptr;  // no id map at all
  ctx.integer_column = false;
  EXPECT_EQ(invert("remap_id", {.kind = ValueKind::uuid, .uuid = stray}, ctx).value.bytes,
            format_uuid(stray));
}

Case array_case(const ColumnWriter& w, std::string separator = "") {
  Case c{"array", w};
  c.convert.element = element_transform(w.params.element->encoder->accepts);
  c.convert.separator = std::move(separator);
  return c;
}

TEST(Inverse, JsonArraysRoundTrip) {
  const Case ints = array_case(array_of("int8", kInt8Oid));
  EXPECT_EQ(ints.round_trip(text("[1, null, -3, 9223372036854775807]")),
            "TEXT '[1,null,-3,9223372036854775807]'");
  EXPECT_EQ(ints.round_trip(text("[]")), "TEXT '[]'");
  const Case texts = array_case(array_of("text", kTextOid));
  EXPECT_EQ(texts.round_trip(text(R"(["a \"q\"", null, "back\\slash", "", "line\nbreak", 7])")),
            R"(TEXT '["a \"q\"",null,"back\\slash","","line\u000abreak","7"]')");
  const Case reals = array_case(array_of("float8", kFloat8Oid));
  EXPECT_EQ(reals.round_trip(text("[0.1, 1e300, -0.0, 9007199254740994.0, 2]")),
            "TEXT '[0.1,1e+300,-0.0,9007199254740994.0,2.0]'");
  EXPECT_EQ(array_case(array_of("bool", kBoolOid)).round_trip(text("[true, false, null]")),
            "TEXT '[true,false,null]'");
  EXPECT_EQ(array_case(array_of("numeric", kNumericOid, numeric_typmod(8, 2)))
                .round_trip(text(R"([1.5, "2", -0.001e1])")),
            "TEXT '[1.50,2.00,-0.01]'");
  EXPECT_EQ(array_case(array_of("numeric", kNumericOid))
                .round_trip(text("[123456789012345678901234567890, -1e-3, 0]")),
            "TEXT '[123456789012345678901234567890,-0.001,0]'");
  EXPECT_EQ(array_case(array_of("uuid", kUuidOid))
                .round_trip(text(R"(["8F14E45F-CEEA-4E7A-9C6B-2B6F1D5A3C11"])")),
            R"(TEXT '["8f14e45f-ceea-4e7a-9c6b-2b6f1d5a3c11"]')");
  EXPECT_EQ(array_case(array_of("timestamptz", kTimestamptzOid))
                .round_trip(text(R"(["2024-12-25T10:11:12.5Z"])")),
            R"(TEXT '["2024-12-25 10:11:12.5"]')");
  EXPECT_EQ(array_case(array_of("jsonb", 3802)).round_trip(text(R"(["{\"a\": \"b c\"}"])")),
            R"(TEXT '["{\"a\":\"b c\"}"]')");
  EXPECT_EQ(array_case(array_of("float4", 700)).round_trip(text("[0.5, -2]")), "TEXT '[0.5,-2.0]'");
}

TEST(Inverse, DelimitedArraysRoundTripOrAreRefused) {
  EXPECT_EQ(array_case(array_of("int8", kInt8Oid), ",").round_trip(text("1,-2,3")),
            "TEXT '1,-2,3'");
  const Case texts = array_case(array_of("text", kTextOid), "; ");
  EXPECT_EQ(texts.round_trip(text("a;b; ;c")), "TEXT 'a;b; ;c'");
  EXPECT_EQ(texts.round_trip(text("")), "TEXT ''");
  EXPECT_EQ(texts.round_trip(text("x; ; y")), "TEXT 'x; ; y'");
  EXPECT_EQ(array_case(array_of("float8", kFloat8Oid), "|").round_trip(text("0.1|2")),
            "TEXT '0.1|2.0'");

  const ConvertContext convert{.element = find_transform("text"), .separator = ","};
  const InverseContext ctx{&convert};
  std::string packed;
  const auto refused = [&](std::initializer_list<Value> elements) {
    return invert("array", packed_array(packed, elements), ctx).why;
  };
  EXPECT_THAT(refused({{.kind = ValueKind::text, .bytes = "a"}, {}}),
              HasSubstr("element 2: NULL has no place"));
  EXPECT_THAT(refused({{.kind = ValueKind::text, .bytes = "a,b"}}), HasSubstr("separator"));
  EXPECT_THAT(refused({{.kind = ValueKind::text, .bytes = ""}}), HasSubstr("another array"));
  EXPECT_EQ(refused({{.kind = ValueKind::text, .bytes = ""}, {.kind = ValueKind::text}}), "");
  // A constants word that reads as a number does not come back as a UUID.
  ConvertContext words{
      .constants = {{"1", Uuid{}}}, .element = find_transform("uuid"), .separator = ","};
  const InverseContext word_ctx{&words};
  EXPECT_THAT(invert("array", packed_array(packed, {{.kind = ValueKind::uuid}}), word_ctx).why,
              HasSubstr("does not read back"));
  EXPECT_EQ(invert("array", packed_array(packed, {{.kind = ValueKind::uuid}}), {}).why,
            "array without an element transform");
}

TEST(Inverse, JsonArraysRefuseWhatJsonCannotHold) {
  const ConvertContext convert{.element = find_transform("real")};
  std::string packed;
  const InverseContext ctx{&convert};
  EXPECT_THAT(
      invert("array", packed_array(packed, {{.kind = ValueKind::real, .real = INFINITY}}), ctx).why,
      HasSubstr("not finite"));
  EXPECT_THAT(
      invert("array", packed_array(packed, {{.kind = ValueKind::real, .real = NAN}}), ctx).why,
      HasSubstr("NaN"));
  const ConvertContext bytes{.element = find_transform("bytea")};
  const InverseContext bytes_ctx{&bytes};
  EXPECT_THAT(invert("array", packed_array(packed, {{.kind = ValueKind::bytes, .bytes = "\xff"}}),
                     bytes_ctx)
                  .why,
              HasSubstr("not UTF-8"));
  EXPECT_EQ(invert("array",
                   packed_array(
                       packed, {{.kind = ValueKind::bytes, .bytes = std::string_view("a\0\"", 3)}}),
                   bytes_ctx)
                .value.bytes,
            R"(["a\u0000\""])");
}

// ---- Timestamp formats ----

TEST(TimestampFormats, DominantFormatOfAMixedColumn) {
  TimestampFormats f;
  EXPECT_FALSE(f.dominant() < TimestampFormat{});  // none counted: SQLite's datetime() form
  EXPECT_FALSE(TimestampFormat{} < f.dominant());
  EXPECT_EQ(f.dominant().separator, ' ');
  for (const char* t : {"2024-01-02T10:00:00.123Z", "2024-01-02 10:00:00", "not a time",
                        "2024-01-02 10:00:00", "2024-01-02T11:00:00.456Z", "2024-13-45"})
    f.add(t);
  const TimestampFormat d = f.dominant();  // two each: the first seen wins
  EXPECT_EQ(d.separator, 'T');
  EXPECT_EQ(d.zone, TimestampFormat::Zone::z);
  EXPECT_EQ(d.fraction_digits, 3);
  EXPECT_FALSE(d.date_only);
  f.add("2024-01-03 10:00:00");
  EXPECT_EQ(f.dominant().separator, ' ');
  EXPECT_EQ(f.dominant().fraction_digits, 0);
}

TimestampFormat only(std::string_view text) {
  TimestampFormats f;
  f.add(text);
  return f.dominant();
}

TEST(TimestampFormats, ClassifiesEachShape) {
  using Z = TimestampFormat::Zone;
  EXPECT_TRUE(only("2024-01-02").date_only);
  EXPECT_EQ(only("2024-01-02T10:00:00").separator, 'T');
  EXPECT_EQ(only("2024-01-02 10:00:00.5").fraction_digits, 1);
  EXPECT_EQ(only("2024-01-02 10:00:00.123456").fraction_digits, 6);
  EXPECT_EQ(only("2024-01-02 10:00:00").zone, Z::none);
  EXPECT_EQ(only("2024-01-02 10:00:00z").zone, Z::z);
  for (const char* t :
       {"2024-01-02T10:00:00+02:00", "2024-01-02T10:00:00-0530", "2024-01-02T10:00:00.12+05"})
    EXPECT_EQ(only(t).zone, Z::offset) << t;
}

constexpr UnixMicros kXmas = 1735121472LL * 1'000'000;  // 2024-12-25T10:11:12Z

TEST(TimestampFormats, FractionDigitsGrowWhereAValueNeedsThem) {
  const TimestampFormat ms{
      .separator = 'T', .zone = TimestampFormat::Zone::z, .fraction_digits = 3};
  EXPECT_EQ(format_timestamp_as(kXmas + 500'000, ms), "2024-12-25T10:11:12.500Z");
  EXPECT_EQ(format_timestamp_as(kXmas, ms), "2024-12-25T10:11:12.000Z");
  EXPECT_EQ(format_timestamp_as(kXmas + 123'456, ms), "2024-12-25T10:11:12.123456Z");
  EXPECT_EQ(format_timestamp_as(kXmas + 120'400, ms), "2024-12-25T10:11:12.1204Z");
  const TimestampFormat plain;
  EXPECT_EQ(format_timestamp_as(kXmas, plain), "2024-12-25 10:11:12");
  EXPECT_EQ(format_timestamp_as(kXmas + 500'000, plain), "2024-12-25 10:11:12.5");
  EXPECT_EQ(format_timestamp_as(kXmas + 1, plain), "2024-12-25 10:11:12.000001");
  EXPECT_EQ(format_timestamp_as(-1, {.zone = TimestampFormat::Zone::offset}),
            "1969-12-31 23:59:59.999999+00:00");
  const TimestampFormat date{.date_only = true};
  EXPECT_EQ(format_timestamp_as(0, date), "1970-01-01");
  EXPECT_EQ(format_timestamp_as(kXmas + 5, date), "2024-12-25 10:11:12.000005");
}

TEST(TimestampFormats, WhatIsWrittenParsesBackToTheSameMicros) {
  std::mt19937_64 random(20240229);
  const UnixMicros lo = -62135596800000000;  // 0001-01-01
  const UnixMicros hi = 253402300799999999;  // 9999-12-31T23:59:59.999999
  std::uniform_int_distribution<UnixMicros> any(lo, hi);
  std::vector<UnixMicros> values = {lo,
                                    hi,
                                    -1,
                                    0,
                                    1,
                                    951782400000000 /* 2000-02-29 */,
                                    -2203891200000000 /* 1900-03-01 */,
                                    1709164800000000};
  for (int i = 0; i < 3000; ++i) {
    const UnixMicros v = any(random);
    values.push_back(v);
    values.push_back(v - v % 1'000'000);
    values.push_back(v - v % 86'400'000'000);
  }
  using Z = TimestampFormat::Zone;
  for (const UnixMicros v : values) {
    for (const TimestampFormat& f : std::initializer_list<TimestampFormat>{
             {}, {'T', Z::z, 3}, {' ', Z::offset, 6}, {'T', Z::none, 1}, {' ', Z::none, 0, true}}) {
      const std::string text = format_timestamp_as(v, f);
      UnixMicros back = 0;
      ASSERT_EQ(parse_timestamp_text(text, back), "") << text;
      ASSERT_EQ(back, v) << text;
      TimestampFormats learned;
      learned.add(text);
      if (!f.date_only) {
        ASSERT_EQ(format_timestamp_as(v, learned.dominant()), text);
      }
    }
  }
}

TEST(CompactJson, RemovesWhitespaceOutsideStringsOnly) {
  EXPECT_EQ(compact_json(R"({"a": 1, "b": [1, 2], "c": {"d": null}})"),
            R"({"a":1,"b":[1,2],"c":{"d":null}})");
  EXPECT_EQ(compact_json(R"({"s p": "x  y", "q": "a\" b", "bs": "c\\", "n": " \\\" "})"),
            R"({"s p":"x  y","q":"a\" b","bs":"c\\","n":" \\\" "})");
  EXPECT_EQ(compact_json(" [ \t\n\r ] "), "[]");
  EXPECT_EQ(compact_json(R"("\\" , "\u0020 ")"), R"("\\","\u0020 ")");
  EXPECT_EQ(compact_json(""), "");
}

}  // namespace
}  // namespace s2p
