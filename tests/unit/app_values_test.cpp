// The value shapes applications write: chrono's nanoseconds, Django's hex UUIDs and duration
// microseconds, addresses, JSON scalars; each through its transform and back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "sqlite2pg/transform/converter.h"
#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/interval.h"
#include "sqlite2pg/transform/inverse.h"
#include "sqlite2pg/transform/tsvector.h"

namespace s2p {
namespace {

using ::testing::HasSubstr;

SourceValue text(std::string_view s) { return {.type = SqliteType::text, .bytes = s}; }
SourceValue integer(std::int64_t i) { return {.type = SqliteType::integer, .integer = i}; }

struct Result {
  std::string why;
  Value value;
  std::string scratch;
};

Result convert(std::string_view transform, const SourceValue& v, ConvertContext ctx = {}) {
  Result r;
  const Transform* t = find_transform(transform);
  EXPECT_NE(t, nullptr) << transform;
  if (t) r.why = t->convert(v, ctx, r.value, r.scratch);
  return r;
}

std::string back(std::string_view transform, const Value& v, ConvertContext ctx = {}) {
  InverseContext ic;
  ic.convert = &ctx;
  SourceValue out;
  std::string scratch;
  const auto why = find_inverse(transform)(v, ic, out, scratch);
  if (!why.empty()) return "refused: " + why;
  return out.type == SqliteType::integer ? std::to_string(out.integer) : std::string(out.bytes);
}

constexpr std::int64_t kSecond = 1'000'000;

TEST(AppValues, NanosecondsAreRefusedUnlessTheMappingChoosesAPrecision) {
  const auto diesel = text("2020-11-18 09:40:39.050195317");
  EXPECT_THAT(convert("timestamptz", diesel).why, HasSubstr("precision: truncate"));
  ConvertContext cut;
  cut.finer = FinerFraction::truncate;
  ConvertContext round;
  round.finer = FinerFraction::round;
  const auto t = convert("timestamptz", diesel, cut);
  ASSERT_EQ(t.why, "");
  EXPECT_EQ(t.value.integer % kSecond, 50195);
  EXPECT_EQ(convert("timestamptz", diesel, round).value.integer % kSecond, 50195);
  EXPECT_EQ(
      convert("timestamptz", text("2020-11-18 09:40:39.0501955"), round).value.integer % kSecond,
      50196);
  // Rounding carries into the next day; ten digits are finer than any writer's.
  const auto carry = convert("timestamptz", text("2020-12-31 23:59:59.999999500"), round);
  EXPECT_EQ(carry.value.integer, convert("timestamptz", text("2021-01-01 00:00:00")).value.integer);
  EXPECT_THAT(convert("timestamptz", text("2020-11-18 09:40:39.0501953171"), cut).why,
              HasSubstr("nanoseconds"));
  EXPECT_EQ(convert("time", text("23:59:59.9999996"), round).value.integer, 86'400 * kSecond);
}

TEST(AppValues, RollbackWritesChronosWidthBack) {
  TimestampFormats formats;
  formats.add("2020-11-18 09:40:39.050195317");
  EXPECT_EQ(format_timestamp_as(1605692439050195, formats.dominant()),
            "2020-11-18 09:40:39.050195000");
}

TEST(AppValues, HexUuidsAreTheSameUuids) {
  const auto hex = convert("uuid_hex", text("5F0E3C1A2B4D4E6F8A9B0C1D2E3F4A5B"));
  ASSERT_EQ(hex.why, "");
  const auto dashed = convert("uuid", text("5f0e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b"));
  EXPECT_EQ(hex.value.uuid, dashed.value.uuid);
  EXPECT_EQ(convert("uuid_hex", text("5f0e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b")).value.uuid,
            dashed.value.uuid);
  EXPECT_EQ(back("uuid_hex", hex.value), "5f0e3c1a2b4d4e6f8a9b0c1d2e3f4a5b");
  EXPECT_THAT(convert("uuid_hex", text("5f0e3c1a2b4d4e6f8a9b0c1d2e3f4a5")).why,
              HasSubstr("not a UUID"));
  EXPECT_THAT(convert("uuid_hex", text("5f0e3c1a2b4d4e6f8a9b0c1d2e3f4a5g")).why,
              HasSubstr("not a UUID"));
}

TEST(AppValues, DurationMicrosecondsSplitAsPythonDoes) {
  const auto minus_one = convert("interval_microseconds", integer(-1)).value;
  EXPECT_EQ(minus_one.days, -1);
  EXPECT_EQ(minus_one.integer, 86'400 * kSecond - 1);
  EXPECT_EQ(minus_one.months, 0);
  for (const std::int64_t us :
       {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
        std::int64_t{0}, std::int64_t{-86'400} * kSecond, std::int64_t{90061000001}}) {
    const auto v = convert("interval_microseconds", integer(us)).value;
    EXPECT_GE(v.integer, 0) << us;
    EXPECT_EQ(back("interval_microseconds", v), std::to_string(us));
  }
  EXPECT_THAT(convert("interval_microseconds", text("1 day")).why, HasSubstr("INTEGER"));
}

TEST(AppValues, IntervalTextsInEveryCommonSpelling) {
  const auto same = [](std::string_view a, std::string_view b) {
    const auto x = convert("interval", text(a)), y = convert("interval", text(b));
    EXPECT_EQ(x.why, "") << a;
    EXPECT_EQ(y.why, "") << b;
    EXPECT_EQ(std::tie(x.value.months, x.value.days, x.value.integer),
              std::tie(y.value.months, y.value.days, y.value.integer))
        << a << " vs " << b;
  };
  same("P1Y2M3DT4H5M6.5S", "1 year 2 mons 3 days 04:05:06.5");
  same("-1 day, 23:59:59.999999", "P-1DT23H59M59.999999S");
  same("-PT1S", "-00:00:01");
  same("P2W", "14 days");
  same("3 days", "3 days");
  EXPECT_EQ(format_interval_iso(convert("interval", text("-1 days +23:59:59.5")).value),
            "P-1DT23H59M59.5S");
  EXPECT_EQ(format_interval_iso(convert("interval", text("00:00:00")).value), "PT0S");
  EXPECT_EQ(format_interval_iso(convert("interval", text("-00:01:00.25")).value), "PT-1M-0.25S");
  for (const char* bad : {"", "42", "1 fortnight", "P", "P1.5D", "1:60", "PT0.0000001S"})
    EXPECT_NE(convert("interval", text(bad)).why, "") << bad;
  const auto round_trip = convert("interval", text("P1Y-2M3DT-4H5M6.000001S")).value;
  EXPECT_EQ(back("interval", round_trip), format_interval_iso(round_trip));
  const auto again = convert("interval", text(back("interval", round_trip))).value;
  EXPECT_EQ(std::tie(again.months, again.days, again.integer),
            std::tie(round_trip.months, round_trip.days, round_trip.integer));
}

TEST(AppValues, AddressesInPostgresBinaryForm) {
  auto v4 = convert("inet", text("192.0.2.1"));
  ASSERT_EQ(v4.why, "");
  EXPECT_EQ(v4.value.bytes, std::string("\x02\x20\x00\x04\xc0\x00\x02\x01", 8));
  EXPECT_EQ(back("inet", v4.value), "192.0.2.1");
  EXPECT_EQ(back("inet", convert("inet", text("192.0.2.1/24")).value), "192.0.2.1/24");
  EXPECT_EQ(back("inet", convert("inet", text("2001:DB8:0:0::1")).value), "2001:db8::1");
  EXPECT_EQ(back("cidr", convert("cidr", text("10.1.0.0/16")).value), "10.1.0.0/16");
  EXPECT_EQ(back("cidr", convert("cidr", text("10.1.0.0")).value), "10.1.0.0/32");
  EXPECT_THAT(convert("cidr", text("10.1.2.0/16")).why, HasSubstr("right of its mask"));
  for (const char* bad :
       {"", "300.1.1.1", "1.2.3.4/33", "::1/129", "1.2.3.4/", "host", "fe80::1%eth0"})
    EXPECT_NE(convert("inet", text(bad)).why, "") << bad;
}

TEST(AppValues, AnyJsonValueGoesIntoJsonb) {
  for (const char* scalar : {"\"just a string\"", "42", "true", "null", "-1.5e3"}) {
    EXPECT_EQ(convert("jsonb", text(scalar)).why, "") << scalar;
    EXPECT_EQ(convert("json", text(scalar)).why, "") << scalar;
  }
  EXPECT_NE(convert("jsonb", text("just a string")).why, "");
}

// tsvectorsend's form: count, then each lexeme NUL-ended, its position count and positions
// (weight in the top two bits).
TEST(AppValues, TsvectorsShowAsPostgreSQLPrintsThem) {
  using namespace std::string_literals;
  const std::string two =
      "\0\0\0\2"s + "it's\0"s + "\0\2"s + "\xc0\x01"s + "\x00\x03"s + "a\\b\0"s + "\0\0"s;
  EXPECT_EQ(format_tsvector(two), "'it''s':1A,3 'a\\\\b'");
  EXPECT_EQ(format_tsvector("\0\0\0\0"s), "");
  EXPECT_EQ(format_tsvector("\0\0\0\1"s + "cut"s), std::nullopt);
  EXPECT_EQ(format_tsvector("\0\0\0\1"s + "x\0\0\1\0"s), std::nullopt);
  EXPECT_EQ(format_tsvector("\0\0\0\0!"s), std::nullopt);
  // A tsvector comes only from PostgreSQL; SQLite's text is checked before it is sent.
  EXPECT_EQ(convert("to_tsvector", text("plain words")).why, "");
  EXPECT_NE(convert("to_tsvector", {.type = SqliteType::blob, .bytes = "\x01"}).why, "");
}

}  // namespace
}  // namespace s2p
