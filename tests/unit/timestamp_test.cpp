#include "sqlite2pg/transform/timestamp.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s2p {
namespace {

using ::testing::HasSubstr;

// 2024-12-25T10:11:12Z
constexpr UnixMicros kXmas = 1735121472LL * 1'000'000;

UnixMicros parse(std::string_view s) {
  UnixMicros out = 0;
  const auto why = parse_timestamp_text(s, out);
  EXPECT_EQ(why, "") << s;
  return out;
}

std::string refuse(std::string_view s) {
  UnixMicros out = 0;
  return parse_timestamp_text(s, out);
}

TEST(Timestamp, EveryLegacyFormat) {
  EXPECT_EQ(parse("2024-12-25 10:11:12"), kXmas);  // SQLite datetime('now'): naive is UTC
  EXPECT_EQ(parse("2024-12-25T10:11:12"), kXmas);
  EXPECT_EQ(parse("2024-12-25T10:11:12.345Z"), kXmas + 345'000);  // JavaScript toISOString()
  EXPECT_EQ(parse("2024-12-25T12:11:12+02:00"), kXmas);
  EXPECT_EQ(parse("2024-12-25T04:41:12-05:30"), kXmas);
  EXPECT_EQ(parse("2024-12-25T12:11:12+0200"), kXmas);
  EXPECT_EQ(parse("2024-12-25T12:11:12+02"), kXmas);
  EXPECT_EQ(parse("2024-12-25 10:11:12z"), kXmas);
}

TEST(Timestamp, FractionsOfOneToSixDigits) {
  EXPECT_EQ(parse("2024-12-25 10:11:12.1"), kXmas + 100'000);
  EXPECT_EQ(parse("2024-12-25 10:11:12.12"), kXmas + 120'000);
  EXPECT_EQ(parse("2024-12-25 10:11:12.123"), kXmas + 123'000);
  EXPECT_EQ(parse("2024-12-25 10:11:12.1234"), kXmas + 123'400);
  EXPECT_EQ(parse("2024-12-25 10:11:12.12345"), kXmas + 123'450);
  EXPECT_EQ(parse("2024-12-25 10:11:12.123456"), kXmas + 123'456);
  EXPECT_EQ(parse("2024-12-25T10:11:12.000001Z"), kXmas + 1);
}

TEST(Timestamp, CalendarEdges) {
  EXPECT_EQ(parse("1970-01-01 00:00:00"), 0);
  EXPECT_EQ(parse("1969-12-31 23:59:59.5"), -500'000);
  EXPECT_EQ(parse("2000-01-01T00:00:00Z"), 946'684'800LL * 1'000'000);
  EXPECT_EQ(parse("2024-02-29 00:00:00"), 1709164800LL * 1'000'000);        // leap day
  EXPECT_EQ(parse("2024-01-01T00:30:00+14:00"), 1704018600LL * 1'000'000);  // 2023-12-31T10:30Z
}

TEST(Timestamp, RefusesWhatIsNotATimestamp) {
  for (const char* bad :
       {"", "yesterday", "2024-12-25 ", "2024/12/25 10:11:12", "2024-12-25 10:11",
        "2024-12-25 10:11:12.", "2024-12-25 10:11:12.1234567", "2024-12-25 10:11:12 UTC",
        "2024-12-25 10:11:12+2", "2024-13-01 00:00:00", "2023-02-29 00:00:00",
        "2024-04-31 00:00:00", "2024-12-25 24:00:00", "2024-12-25 10:60:00", "2024-12-25 10:11:60",
        "2024-12-25 10:11:12+16:00", " 2024-12-25 10:11:12", "2024-12-25 10:11:12x"}) {
    EXPECT_NE(refuse(bad), "") << bad;
  }
  EXPECT_THAT(refuse("2024-12-25 10:11:12.1234567"), HasSubstr("microseconds"));
}

TEST(Timestamp, OnlyYearsOneToNineThousandNineHundredNinetyNineInUtc) {
  EXPECT_THAT(refuse("0000-01-01 00:00:00"), HasSubstr("0001 to 9999"));
  EXPECT_THAT(refuse("0000-01-01 00:00:00+05"), HasSubstr("0001 to 9999"));
  EXPECT_THAT(refuse("0001-01-01 00:00:00+05"), HasSubstr("0001 to 9999"));  // 0000-12-31Z
  EXPECT_THAT(refuse("9999-12-31 23:00:00-05"), HasSubstr("0001 to 9999"));  // 10000-01-01Z
  EXPECT_EQ(format_timestamp_utc(parse("0001-01-01 00:00:00")), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp_utc(parse("9999-12-31 23:59:59.999999")),
            "9999-12-31T23:59:59.999999Z");
}

TEST(Timestamp, DateAloneIsItsMidnightUtc) {
  EXPECT_EQ(parse("1948-12-08"), parse("1948-12-08 00:00:00"));
  EXPECT_EQ(parse("2024-12-25"), 1735084800LL * 1'000'000);
}

TEST(Timestamp, DatesAndTimesOfDay) {
  std::int64_t days = 0, micros = 0;
  EXPECT_EQ(parse_date_text("2024-12-25", days), "");
  EXPECT_EQ(format_date(days), "2024-12-25");
  EXPECT_EQ(parse_date_text("1948-12-08 00:00:00", days), "");
  EXPECT_EQ(format_date(days), "1948-12-08");
  EXPECT_THAT(parse_date_text("2024-12-25 10:00:00", days), HasSubstr("midnight"));
  EXPECT_THAT(parse_date_text("25/12/2024", days), HasSubstr("not a date"));
  EXPECT_NE(parse_date_text("2023-02-29", days), "");
  EXPECT_EQ(parse_time_text("07:05", micros), "");
  EXPECT_EQ(format_time(micros), "07:05:00");
  EXPECT_EQ(parse_time_text("23:59:59.000001", micros), "");
  EXPECT_EQ(format_time(micros), "23:59:59.000001");
  EXPECT_EQ(parse_time_text("24:00:00", micros), "");
  for (const char* bad : {"24:00:01", "7:05", "12:60", "12:00:00.1234567", "12:00 pm", ""})
    EXPECT_NE(parse_time_text(bad, micros), "") << bad;
}

TEST(Timestamp, EpochUnits) {
  UnixMicros out = 0;
  EXPECT_EQ(epoch_to_micros(1735121472, EpochUnit::seconds, out), "");
  EXPECT_EQ(out, kXmas);
  EXPECT_EQ(epoch_to_micros(1735121472345, EpochUnit::milliseconds, out), "");
  EXPECT_EQ(out, kXmas + 345'000);
  EXPECT_EQ(epoch_to_micros(0, EpochUnit::seconds, out), "");
  EXPECT_EQ(out, 0);
}

TEST(Timestamp, ImplausibleEpochsAreRefusedNotLoadedWrong) {
  UnixMicros out = 0;
  const auto ms_as_s = epoch_to_micros(1735121472345, EpochUnit::seconds, out);
  EXPECT_THAT(ms_as_s, HasSubstr("outside 1900..2200")) << ms_as_s;
  EXPECT_THAT(ms_as_s, HasSubstr("milliseconds?")) << ms_as_s;
  EXPECT_THAT(ms_as_s, HasSubstr("year 56953")) << ms_as_s;
  const auto s_as_ms = epoch_to_micros(1735121472LL * 1000 * 1000, EpochUnit::milliseconds, out);
  EXPECT_NE(s_as_ms, "");
  EXPECT_NE(epoch_to_micros(INT64_MAX, EpochUnit::seconds, out), "");
  EXPECT_NE(epoch_to_micros(INT64_MIN, EpochUnit::milliseconds, out), "");
}

TEST(Timestamp, FormatsAsUtc) {
  EXPECT_EQ(format_timestamp_utc(kXmas), "2024-12-25T10:11:12Z");
  EXPECT_EQ(format_timestamp_utc(kXmas + 345'000), "2024-12-25T10:11:12.345Z");
  EXPECT_EQ(format_timestamp_utc(-500'000), "1969-12-31T23:59:59.5Z");
}

}  // namespace
}  // namespace s2p
