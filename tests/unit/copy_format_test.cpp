// The binary COPY encoder against golden bytes, and the tuple parser / checksum used to read back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/copy/row_checksum.h"
#include "sqlite2pg/validate/readback.h"

namespace s2p {
namespace {

using ::testing::HasSubstr;

ColumnWriter writer(std::string_view type, std::int32_t typmod = -1) {
  const auto* e = find_encoder(type);
  EXPECT_NE(e, nullptr) << type;
  return {e, {typmod, nullptr}};
}

std::string encoded(std::string_view type, const Value& v, std::string* why = nullptr,
                    std::int32_t typmod = -1) {
  std::string out;
  const auto w = writer(type, typmod).encode(v, out);
  if (why) *why = w;
  return out;
}

TEST(CopyEncoder, GoldenBytesPerType) {
  EXPECT_EQ(encoded("int4", {.kind = ValueKind::integer, .integer = 1}),
            std::string("\0\0\0\1", 4));
  EXPECT_EQ(encoded("int2", {.kind = ValueKind::integer, .integer = -2}),
            std::string("\xff\xfe", 2));
  EXPECT_EQ(encoded("int8", {.kind = ValueKind::integer, .integer = 256}),
            std::string("\0\0\0\0\0\0\1\0", 8));
  EXPECT_EQ(encoded("bool", {.kind = ValueKind::boolean, .integer = 1}), std::string("\1", 1));
  EXPECT_EQ(encoded("text", {.kind = ValueKind::text, .bytes = "é"}), "é");
  EXPECT_EQ(encoded("jsonb", {.kind = ValueKind::json, .bytes = "{}"}), std::string("\1{}", 3));
  // timestamptz: microseconds since 2000-01-01 UTC; one second after that epoch:
  EXPECT_EQ(encoded("timestamptz", {.kind = ValueKind::timestamp, .integer = 946'684'801'000'000}),
            std::string("\0\0\0\0\0\x0f\x42\x40", 8));
  const Uuid u = *parse_uuid("00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(encoded("uuid", {.kind = ValueKind::uuid, .uuid = u}),
            std::string("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16));
  EXPECT_EQ(encoded("float8", {.kind = ValueKind::real, .real = 1.0}),
            std::string("\x3f\xf0\0\0\0\0\0\0", 8));
}

// numeric(p,s) carries typmod ((p << 16) | s) + 4.
constexpr std::int32_t numeric_typmod(int p, int s) { return ((p << 16) | (s & 0x7ff)) + 4; }

std::string numeric_bytes(std::initializer_list<int> fields) {
  std::string out;
  for (int f : fields) put_u16(out, static_cast<std::uint16_t>(f));
  return out;
}

TEST(CopyEncoder, NumericAsPostgresSendsIt) {
  const auto num = [](std::string_view plain, std::int32_t typmod = -1) {
    return encoded("numeric", {.kind = ValueKind::numeric, .bytes = plain}, nullptr, typmod);
  };
  // ndigits, weight, sign, dscale, base-10000 digits
  EXPECT_EQ(num("19.99"), numeric_bytes({2, 0, 0, 2, 19, 9900}));
  EXPECT_EQ(num("19.99", numeric_typmod(10, 4)), numeric_bytes({2, 0, 0, 4, 19, 9900}));
  EXPECT_EQ(num("-12345678.5"), numeric_bytes({3, 1, 0x4000, 1, 1234, 5678, 5000}));
  EXPECT_EQ(num("0.00012"), numeric_bytes({2, -1, 0, 5, 1, 2000}));
  EXPECT_EQ(num("0.00001"), numeric_bytes({1, -2, 0, 5, 1000}));
  EXPECT_EQ(num("10000"), numeric_bytes({1, 1, 0, 0, 1}));
  EXPECT_EQ(num("0.00"), numeric_bytes({0, 0, 0, 2}));
  EXPECT_EQ(num("1.500", numeric_typmod(10, 2)), numeric_bytes({2, 0, 0, 2, 1, 5000}));
  std::string why;
  encoded("numeric", {.kind = ValueKind::numeric, .bytes = "1.005"}, &why, numeric_typmod(10, 2));
  EXPECT_THAT(why, HasSubstr("rounded"));
  encoded("numeric", {.kind = ValueKind::numeric, .bytes = "123456789.5"}, &why,
          numeric_typmod(10, 2));
  EXPECT_THAT(why, HasSubstr("does not fit numeric(10,2)"));
  const auto w = writer("numeric", numeric_typmod(10, 2));
  for (const char* plain : {"19.99", "-0.05", "0.00", "12345678.00"}) {
    std::string out;
    ASSERT_EQ(w.encode({.kind = ValueKind::numeric, .bytes = plain}, out), "");
    EXPECT_EQ(w.show(out), plain);
  }
  EXPECT_EQ(writer("numeric").show(num("0.00001")), "0.00001");
  // numeric(2,5): below 10^-3, scale above precision.
  EXPECT_EQ(num("0.00012", numeric_typmod(2, 5)), numeric_bytes({2, -1, 0, 5, 1, 2000}));
  EXPECT_EQ(num("0", numeric_typmod(2, 5)), numeric_bytes({0, 0, 0, 5}));
  encoded("numeric", {.kind = ValueKind::numeric, .bytes = "0.0012"}, &why, numeric_typmod(2, 5));
  EXPECT_THAT(why, HasSubstr("does not fit numeric(2,5)"));
  // numeric(5,-2): hundreds.
  EXPECT_EQ(num("1200", numeric_typmod(5, -2)), numeric_bytes({1, 0, 0, 0, 1200}));
  encoded("numeric", {.kind = ValueKind::numeric, .bytes = "1250"}, &why, numeric_typmod(5, -2));
  EXPECT_THAT(why, HasSubstr("rounded"));
  EXPECT_EQ(writer("numeric").show(num("123456789012")), "123456789012");
}

TEST(CopyEncoder, DatesTimesAndCharacterTypes) {
  // date: days since 2000-01-01; 1999-12-31 is -1.
  EXPECT_EQ(encoded("date", {.kind = ValueKind::date, .integer = 10'956}), "\xff\xff\xff\xff");
  EXPECT_EQ(writer("date").show(std::string_view("\0\0\0\1", 4)), "2000-01-02");
  std::string why;
  EXPECT_EQ(encoded("bpchar", {.kind = ValueKind::text, .bytes = "ab"}, &why, 4 + 4), "ab  ");
  encoded("bpchar", {.kind = ValueKind::text, .bytes = "abcde"}, &why, 4 + 4);
  EXPECT_THAT(why, HasSubstr("longer than char(4)"));
  EXPECT_EQ(encoded("varchar", {.kind = ValueKind::text, .bytes = "éé"}, &why, 4 + 2), "éé");
  encoded("varchar", {.kind = ValueKind::text, .bytes = "ééé"}, &why, 4 + 2);
  EXPECT_THAT(why, HasSubstr("3 characters is longer than varchar(2)"));
  ColumnWriter status{find_encoder("enum"), {-1, nullptr}};
  status.params.labels =
      std::make_shared<std::vector<std::string>>(std::vector<std::string>{"active", "retired"});
  std::string out;
  EXPECT_EQ(status.encode({.kind = ValueKind::text, .bytes = "active"}, out), "");
  EXPECT_THAT(status.encode({.kind = ValueKind::text, .bytes = "Active"}, out),
              HasSubstr("'Active' is not a label of the enum (allowed: 'active', 'retired')"));
  status.params.labels = std::make_shared<std::vector<std::string>>();  // CREATE TYPE e AS ENUM ()
  EXPECT_THAT(status.encode({.kind = ValueKind::text, .bytes = "x"}, out), HasSubstr("allowed: )"));
}

TEST(CopyEncoder, RefusesIntegersOutOfRange) {
  std::string why;
  EXPECT_EQ(encoded("int4", {.kind = ValueKind::integer, .integer = 3'000'000'000}, &why), "");
  EXPECT_THAT(why, HasSubstr("out of range"));
  encoded("int2", {.kind = ValueKind::integer, .integer = 40'000}, &why);
  EXPECT_NE(why, "");
  encoded("float4", {.kind = ValueKind::real, .real = 0.1}, &why);
  EXPECT_NE(why, "");
}

TEST(CopyEncoder, RowsAndStreamRoundTripThroughTheParser) {
  CopyEncoder enc;
  enc.buffer().append(CopyEncoder::header());
  RowChecksum sent;
  for (int i = 0; i < 3; ++i) {
    enc.begin_row(2);
    ASSERT_EQ(enc.add(writer("int4"), {.kind = ValueKind::integer, .integer = i}), "");
    if (i == 1) {
      enc.add_null();
    } else {
      ASSERT_EQ(enc.add(writer("text"), {.kind = ValueKind::text, .bytes = "row"}), "");
    }
    sent.add_row(enc.finish_row());
  }
  enc.buffer().append(CopyEncoder::trailer());
  const std::string stream = enc.buffer();
  // Fed one byte at a time, the parser still finds the same three tuples.
  RowChecksum received;
  CopyTupleParser parser([&](std::string_view t) { received.add_row(t); });
  for (char c : stream) parser.feed(std::string_view(&c, 1));
  parser.finish();
  EXPECT_EQ(received.rows(), 3u);
  EXPECT_EQ(received.hex(), sent.hex());
}

TEST(CopyEncoder, ParserRefusesATruncatedStream) {
  CopyEncoder enc;
  enc.buffer().append(CopyEncoder::header());
  enc.begin_row(1);
  ASSERT_EQ(enc.add(writer("text"), {.kind = ValueKind::text, .bytes = "abc"}), "");
  enc.buffer().append(CopyEncoder::trailer());
  const std::string whole = enc.buffer();
  int tuples = 0;
  CopyTupleParser complete([&](std::string_view) { ++tuples; });
  complete.feed(whole);
  EXPECT_NO_THROW(complete.finish());
  EXPECT_EQ(tuples, 1);
  // Cut inside the value: no tuple may come out, and the end of the stream is an error.
  tuples = 0;
  CopyTupleParser cut([&](std::string_view) { ++tuples; });
  cut.feed(std::string_view(whole).substr(0, whole.size() - 3));
  EXPECT_ANY_THROW(cut.finish());
  EXPECT_EQ(tuples, 0);
}

TEST(RowChecksum, OrderFreeButSensitiveToEveryChange) {
  RowChecksum a, b, c, d;
  a.add_row("one");
  a.add_row("two");
  b.add_row("two");
  b.add_row("one");
  EXPECT_EQ(a, b);  // order does not matter
  c.add_row("one");
  c.add_row("twO");
  EXPECT_NE(a.hex(), c.hex());  // a changed value does
  d.add_row("one");
  d.add_row("two");
  d.add_row("two");
  EXPECT_NE(a.hex(), d.hex());  // a duplicated row does (XOR would cancel it)
  RowChecksum e;
  e.add_row("one");
  e.add_row("one");
  e.add_row("one");
  RowChecksum f;
  f.add_row("one");
  EXPECT_NE(e.hex(), f.hex());
}

// sync's arithmetic: a table's recorded checksum, rows replaced, read back from its hex form.
TEST(RowChecksum, RowsTakenOutAndPutInAndParsedBack) {
  RowChecksum before, after;
  for (const char* row : {"one", "two", "three"}) before.add_row(row);
  for (const char* row : {"one", "2", "three", "four"}) after.add_row(row);
  RowChecksum synced = *RowChecksum::parse(before.hex(), before.rows());
  EXPECT_EQ(synced, before);
  synced.remove(hash_row("two"));
  synced.add(hash_row("2"));
  synced.add(hash_row("four"));
  EXPECT_EQ(synced, after);
  EXPECT_EQ(synced.rows(), 4u);
  EXPECT_FALSE(RowChecksum::parse("not hex", 1));
  EXPECT_FALSE(RowChecksum::parse(std::string(31, '0') + "g", 1));
}

}  // namespace
}  // namespace s2p
