#include "sqlite2pg/transform/json_canonical.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace s2p {
namespace {

using ::testing::HasSubstr;

struct Golden {
  std::string_view input;
  std::string_view expected;
};

// Every expected text below is what PostgreSQL 15.18 printed for `input::jsonb::text` (the same
// text jsonb_out and the binary COPY form carry) in a UTF8 database.
constexpr Golden kGolden[] = {
    {"0", "0"},
    {"-0", "0"},
    {"0.0", "0.0"},
    {"-0.0", "0.0"},
    {"0.10", "0.10"},
    {"1", "1"},
    {"-1", "-1"},
    {"42", "42"},
    {"1.0", "1.0"},
    {"1.50", "1.50"},
    {"1e2", "100"},
    {"1E2", "100"},
    {"1e+2", "100"},
    {"1E-2", "0.01"},
    {"1.50e1", "15.0"},
    {"1.5e-1", "0.15"},
    {"1e-7", "0.0000001"},
    {"-1e-7", "-0.0000001"},
    {"12e-1", "1.2"},
    {"1.234e2", "123.4"},
    {"1.2345e2", "123.45"},
    {"123.456e-2", "1.23456"},
    {"0e5", "0"},
    {"0e-3", "0.000"},
    {"0.000e2", "0.0"},
    {"0.000e-2", "0.00000"},
    {"-0e-3", "0.000"},
    {"-0.0e10", "0"},
    {"1e0", "1"},
    {"1.0e0", "1.0"},
    {"1e-0", "1"},
    {"5e+0", "5"},
    {"10e-1", "1.0"},
    {"100e-2", "1.00"},
    {"0.001e3", "1"},
    {"123456789012345678901234567890", "123456789012345678901234567890"},
    {"-123456789012345678901234567890.000000000000000000000123",
     "-123456789012345678901234567890.000000000000000000000123"},
    {"3.141592653589793238462643383279502884197169399375105820974944592307816406286",
     "3.141592653589793238462643383279502884197169399375105820974944592307816406286"},
    {"1e100",
     "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000"},
    {"9007199254740993", "9007199254740993"},
    {"-9223372036854775809", "-9223372036854775809"},
    {"18446744073709551616", "18446744073709551616"},
    {"0.1", "0.1"},
    {"0.30000000000000004", "0.30000000000000004"},
    {"1e0000000000000000002", "100"},
    {"9.99e-5", "0.0000999"},
    {"-1.000e-3", "-0.001000"},
    {"0e1073741822", "0"},
    {"12345.6789e-10", "0.00000123456789"},
    {"12345.6789e+10", "123456789000000"},
    {"7E+00", "7"},
    {"1.0E-0", "1.0"},
    {"true", "true"},
    {"false", "false"},
    {"null", "null"},
    {" true ", "true"},
    {"[true,false,null]", "[true, false, null]"},
    {R"j("")j", R"j("")j"},
    {R"j("x")j", R"j("x")j"},
    {R"j("hello world")j", R"j("hello world")j"},
    {R"j("\/")j", R"j("/")j"},
    {R"j("a/b")j", R"j("a/b")j"},
    {R"j("\"\\\b\f\n\r\t")j", R"j("\"\\\b\f\n\r\t")j"},
    {R"j("\u0041\u00e9\u4e2d")j", R"j("Aé中")j"},
    {R"j("\u00E9")j", R"j("é")j"},
    {R"j("\uD83D\uDE00")j", R"j("😀")j"},
    {R"j("\ud83d\ude00")j", R"j("😀")j"},
    {R"j("😀")j", R"j("😀")j"},
    {R"j("中文")j", R"j("中文")j"},
    {R"j("é")j", R"j("é")j"},
    {R"j("\u001f\u0001\u0010")j", R"j("\u001f\u0001\u0010")j"},
    {R"j("\u007f")j", "\"\177\""},
    {"\"\177\"", "\"\177\""},
    {R"j("\u0080")j", R"j("")j"},
    {R"j("\u00ff")j", R"j("ÿ")j"},
    {R"j("\uFFFF")j", R"j("￿")j"},
    {R"j("\uFFFE")j", R"j("￾")j"},
    {R"j("\uFEFF")j", R"j("﻿")j"},
    {R"j("\u2028\u2029")j", R"j("  ")j"},
    {R"j("\udbff\udfff")j", R"j("􏿿")j"},
    {R"j("\ud800\udc00")j", R"j("𐀀")j"},
    {R"j("\u0022\u005c\u002f")j", R"j("\"\\/")j"},
    {R"j("\u000a\u000D\u0009\u0008\u000c")j", R"j("\n\r\t\b\f")j"},
    {R"j("\u000b")j", R"j("\u000b")j"},
    {R"j("\u001b[0m")j", R"j("\u001b[0m")j"},
    {R"j("tab\tinside")j", R"j("tab\tinside")j"},
    {R"j("quote\"inside")j", R"j("quote\"inside")j"},
    {R"j("\\u0041")j", R"j("\\u0041")j"},
    {R"j("é")j", R"j("é")j"},
    {R"j("\u00c3\u00a9")j", R"j("Ã©")j"},
    {R"j("ﬃ")j", R"j("ﬃ")j"},
    {R"j("a\u0020b")j", R"j("a b")j"},
    {" 1 ", "1"},
    {"\n[\n1\n,\n2\n]\n", "[1, 2]"},
    {"\t{\t\"a\"\t:\t1\t}\t", R"j({"a": 1})j"},
    {"{}", "{}"},
    {"[]", "[]"},
    {"{ }", "{}"},
    {"[ ]", "[]"},
    {"[[]]", "[[]]"},
    {"[{}]", "[{}]"},
    {R"j({"a":{}})j", R"j({"a": {}})j"},
    {R"j({"a":[]})j", R"j({"a": []})j"},
    {"[1,2,3]", "[1, 2, 3]"},
    {"[ 1 , 2 , 3 ]", "[1, 2, 3]"},
    {"{\"a\":1}\n", R"j({"a": 1})j"},
    {R"j({"a":1,"a":2})j", R"j({"a": 2})j"},
    {"[[[[[[[[[[]]]]]]]]]]", "[[[[[[[[[[]]]]]]]]]]"},
    {R"j({"a":{"b":{"c":{"d":[1,[2,[3]]]}}}})j", R"j({"a": {"b": {"c": {"d": [1, [2, [3]]]}}}})j"},
    {R"j({"b":1,"a":2})j", R"j({"a": 2, "b": 1})j"},
    {R"j({"bb":1,"a":2})j", R"j({"a": 2, "bb": 1})j"},
    {R"j({"a":1,"bb":2})j", R"j({"a": 1, "bb": 2})j"},
    {R"j({"aa":1,"b":2,"ccc":3,"":4})j", R"j({"": 4, "b": 2, "aa": 1, "ccc": 3})j"},
    {R"j({"":1})j", R"j({"": 1})j"},
    {R"j({"":1,"":2})j", R"j({"": 2})j"},
    {R"j({"a":1,"a":2,"a":3})j", R"j({"a": 3})j"},
    {R"j({"a":1,"b":2,"a":3})j", R"j({"a": 3, "b": 2})j"},
    {R"j({"a":{"x":1},"a":{"y":2}})j", R"j({"a": {"y": 2}})j"},
    {R"j({"a":[1],"a":null})j", R"j({"a": null})j"},
    {R"j({"B":1,"a":2,"A":3,"b":4})j", R"j({"A": 3, "B": 1, "a": 2, "b": 4})j"},
    {R"j({"é":1,"z":2,"ab":3})j", R"j({"z": 2, "ab": 3, "é": 1})j"},
    {R"j({"😀":1,"abcd":2,"abc":3,"abcde":4})j", R"j({"abc": 3, "abcd": 2, "😀": 1, "abcde": 4})j"},
    {R"j({"中":1,"ab":2,"abc":3,"a":4})j", R"j({"a": 4, "ab": 2, "abc": 3, "中": 1})j"},
    {R"j({"\u00e9":1,"\u00c3":2})j", R"j({"Ã": 2, "é": 1})j"},
    {R"j({"\n":1,"\t":2," ":3})j", R"j({"\t": 2, "\n": 1, " ": 3})j"},
    {R"j({"10":1,"9":2,"100":3,"1":4})j", R"j({"1": 4, "9": 2, "10": 1, "100": 3})j"},
    {R"j({"key\"q":1,"key\\b":2})j", R"j({"key\"q": 1, "key\\b": 2})j"},
    {R"j({"\u0061":1,"a":2})j", R"j({"a": 2})j"},
    {R"j({"a":1,"\u0061":2})j", R"j({"a": 2})j"},
    {"{\"Z\":1,\"z\":2,\"\177\":3,\"~\":4}", "{\"Z\": 1, \"z\": 2, \"~\": 4, \"\177\": 3}"},
    {R"j({"\u00ff":1,"\u0100":2,"\uffff":3,"\ud83d\ude00":4})j",
     R"j({"ÿ": 1, "Ā": 2, "￿": 3, "😀": 4})j"},
    {R"j({"a":1,"b":{"d":1,"c":2,"d":3},"a":[{"z":1,"y":2}]})j",
     R"j({"a": [{"y": 2, "z": 1}], "b": {"c": 2, "d": 3}})j"},
    {R"j([{"b":1,"a":2},{"b":1,"a":2}])j", R"j([{"a": 2, "b": 1}, {"a": 2, "b": 1}])j"},
    {R"j({"name":"Ann","age":30,"tags":["x","y"],"address":{"zip":"12345","city":"Oslo"},"active":true,"score":9.50})j",
     R"j({"age": 30, "name": "Ann", "tags": ["x", "y"], "score": 9.50, "active": true, "address": {"zip": "12345", "city": "Oslo"}})j"},
    {R"j({"a":1e2,"b":-0,"c":0.10,"d":1E-2})j", R"j({"a": 100, "b": 0, "c": 0.10, "d": 0.01})j"},
    {R"j({"k":"v","kk":"vv","k":"last"})j", R"j({"k": "last", "kk": "vv"})j"},
    {R"j([{"a":1,"a":2},{"a":3}])j", R"j([{"a": 2}, {"a": 3}])j"},
    {R"j( "x" )j", R"j("x")j"},
    {"\t42\n", "42"},
    {" -0.0 ", "0.0"},
    {"\r\nnull\r\n", "null"},
    {" [ ] ", "[]"},
    {" { } ", "{}"},
};

// Inputs PostgreSQL 15 refuses as jsonb. Comments give its message where it is not the generic
// "invalid input syntax for type json".
constexpr std::string_view kRejected[] = {
    "1e131072",                 // value overflows numeric format
    "10e131071",                // value overflows numeric format
    "1e-16384",                 // value overflows numeric format
    "0e-16384",                 // value overflows numeric format
    "0.0e-16383",               // value overflows numeric format
    "0e1073741823",             // value overflows numeric format
    "1e99999999999999999999",   // value overflows numeric format
    "1e-99999999999999999999",  // value overflows numeric format
    "00",
    "01",
    "-01",
    "1.",
    ".5",
    "-",
    "+1",
    "1e",
    "1e+",
    "1e-",
    "0x10",
    "1_000",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.5e3.2",
    "1a",
    "--1",
    "- 1",
    "1 2",
    "[1,]",
    "[01]",
    "1.e3",
    "１",
    "True",
    "NULL",
    "nul",
    "truex",
    "true false",
    "tru",
    "nulll",
    R"j("a\u0000b")j",  // unsupported Unicode escape sequence
    R"j("\u0000")j",    // unsupported Unicode escape sequence
    R"j("\ud800")j",
    R"j("\udc00")j",
    R"j("\ud800\ud800")j",
    R"j("\ud800x")j",
    R"j("\ud800\u0041")j",
    R"j("\ud800\n")j",
    R"j("\uDBFF")j",
    R"j("\x41")j",
    R"j("\a")j",
    R"j("\U0041")j",
    R"j("\u004")j",
    R"j("\u00G1")j",
    R"j("\'")j",
    R"j("unterminated)j",
    "\"a\tb\"",
    "\"a\nb\"",
    "\"a\001b\"",
    "\"a\037b\"",
    "'single'",
    R"j("\)j",
    R"j("abc\")j",
    "\"\303\"",              // invalid byte sequence for encoding "UTF8": 0xc3 0x22
    "\"\377\"",              // invalid byte sequence for encoding "UTF8": 0xff
    "\"\355\240\200\"",      // invalid byte sequence for encoding "UTF8": 0xed 0xa0 0x80
    "\"\300\257\"",          // invalid byte sequence for encoding "UTF8": 0xc0 0xaf
    "\"\340\200\257\"",      // invalid byte sequence for encoding "UTF8": 0xe0 0x80 0xaf
    "\"\364\220\200\200\"",  // invalid byte sequence for encoding "UTF8": 0xf4 0x90 0x80 0x80
    "\"\360\237\230\"",      // invalid byte sequence for encoding "UTF8": 0xf0 0x9f 0x98 0x22
    std::string_view("\"a\000b\"", 5),  // invalid byte sequence for encoding "UTF8": 0x00
    std::string_view("\000", 1),        // invalid byte sequence for encoding "UTF8": 0x00
    std::string_view("1\000", 2),       // invalid byte sequence for encoding "UTF8": 0x00
    "﻿{}",
    R"j("\uDFFF\uD800")j",
    R"j("\u0000\ud800")j",  // unsupported Unicode escape sequence
    "",
    " ",
    "\n\t\r ",
    "\0141",
    "1\014",
    "[1 2]",
    "[1,,2]",
    "[,1]",
    R"j({"a" 1})j",
    R"j({"a":})j",
    R"j({"a":1,})j",
    R"j({,"a":1})j",
    "{a:1}",
    "{'a':1}",
    R"j({"a":1 "b":2})j",
    R"j({"a"::1})j",
    "[",
    "]",
    "{",
    "}",
    "[1",
    R"j({"a":1)j",
    R"j({"a")j",
    "[1]]",
    "{}}",
    "[]x",
    "{} {}",
    " 1",
    "[1] ",
    "{1:2}",
    "{null:1}",
    R"j({"a\u0000":1})j",  // unsupported Unicode escape sequence
};

std::string canonical(std::string_view in) {
  std::string out;
  const std::string why = canonicalize_jsonb(in, out);
  EXPECT_EQ(why, "") << "input: " << in;
  return out;
}

std::string rejection(std::string_view in) {
  std::string out = "prefix";
  std::string why = canonicalize_jsonb(in, out);
  EXPECT_EQ(out, "prefix") << "nothing may be appended on failure, input: " << in;
  return why;
}

TEST(JsonCanonical, MatchesPostgresJsonbOutput) {
  for (const Golden& g : kGolden) {
    EXPECT_EQ(canonical(g.input), g.expected) << "input: " << g.input;
  }
}

TEST(JsonCanonical, OutputIsAFixedPoint) {
  // Reading back what jsonb printed must print the same again.
  for (const Golden& g : kGolden) {
    EXPECT_EQ(canonical(g.expected), g.expected);
  }
}

TEST(JsonCanonical, RejectsWhatPostgresRejects) {
  for (std::string_view in : kRejected) {
    EXPECT_NE(rejection(in), "") << "input: " << in;
  }
}

TEST(JsonCanonical, AppendsToExistingOutput) {
  std::string out = "x=";
  ASSERT_EQ(canonicalize_jsonb(R"({"b":1,"a":2})", out), "");
  ASSERT_EQ(canonicalize_jsonb("[1e2]", out), "");
  EXPECT_EQ(out, R"(x={"a": 2, "b": 1}[100])");
}

TEST(JsonCanonical, ReasonsNameTheProblem) {
  EXPECT_EQ(rejection(""), "empty JSON text");
  EXPECT_EQ(rejection(" \n\t"), "empty JSON text");
  EXPECT_EQ(rejection(R"([1, 2,])"), "invalid JSON at byte 6: unexpected ']'");
  EXPECT_EQ(rejection(R"({"a":1)"), "invalid JSON at byte 6: unexpected end of input");
  EXPECT_EQ(rejection(R"("a\u0000")"), "unsupported Unicode escape sequence \\u0000 at byte 2");
  EXPECT_EQ(rejection(std::string_view("[1,\0]", 5)), "NUL byte at byte 3");
  EXPECT_EQ(rejection("\"\xC3\x28\""), "invalid UTF-8 at byte 1");
  EXPECT_EQ(rejection(R"("\ud83d")"),
            "invalid JSON at byte 7: Unicode low surrogate must follow a high surrogate");
  EXPECT_EQ(rejection("[1e131072]"),
            "number at byte 1 out of range: value overflows numeric format");
  EXPECT_EQ(rejection("\"a\tb\""),
            "invalid JSON at byte 2: character with value 0x09 must be escaped");
}

TEST(JsonCanonical, NumericRangeLimits) {
  // numeric_in: a leading digit at 10^131072 or a display scale above 16383 overflows; an
  // exponent of INT_MAX/2 or more in magnitude is refused even for zero.
  EXPECT_EQ(canonical("1e131071"), "1" + std::string(131071, '0'));
  EXPECT_EQ(canonical("9.999e131070"), "9999" + std::string(131067, '0'));
  EXPECT_EQ(canonical("1e1000"), "1" + std::string(1000, '0'));
  EXPECT_EQ(canonical("1.23e1000"), "123" + std::string(998, '0'));
  EXPECT_EQ(canonical("1.7976931348623157e308"), "17976931348623157" + std::string(292, '0'));
  EXPECT_EQ(canonical("4.9e-324"), "0." + std::string(323, '0') + "49");
  EXPECT_EQ(canonical("2.2250738585072014e-308"),
            "0." + std::string(307, '0') + "22250738585072014");
  EXPECT_EQ(canonical("1e-16383"), "0." + std::string(16382, '0') + "1");
  EXPECT_EQ(canonical("0.00001e-16378"), "0." + std::string(16382, '0') + "1");
  EXPECT_EQ(canonical("-0e-16383"), "0." + std::string(16383, '0'));
  EXPECT_EQ(canonical("0e1073741822"), "0");
  EXPECT_EQ(canonical("0." + std::string(16383, '0')), "0." + std::string(16383, '0'));
  EXPECT_NE(rejection("0." + std::string(16384, '0')), "");
  EXPECT_NE(rejection("1" + std::string(131072, '0')), "");
  EXPECT_EQ(canonical("1" + std::string(131071, '0')), "1" + std::string(131071, '0'));
}

TEST(JsonCanonical, DeepNesting) {
  // PostgreSQL (default max_stack_depth) accepts these; beyond 10000 levels we refuse.
  const std::size_t n = 10000;
  const std::string arrays = std::string(n, '[') + std::string(n, ']');
  EXPECT_EQ(canonical(arrays), arrays);

  std::string objects, expected;
  for (std::size_t i = 0; i < n; ++i) {
    objects += R"({"a":)";
    expected += R"({"a": )";
  }
  objects += "1" + std::string(n, '}');
  expected += "1" + std::string(n, '}');
  EXPECT_EQ(canonical(objects), expected);

  std::string mixed, mixed_expected;
  for (std::size_t i = 0; i < n / 2; ++i) mixed += "[", mixed_expected += "[";
  for (std::size_t i = 0; i < n / 2; ++i) mixed += R"({"a":)", mixed_expected += R"({"a": )";
  mixed += "0" + std::string(n / 2, '}') + std::string(n / 2, ']');
  mixed_expected += "0" + std::string(n / 2, '}') + std::string(n / 2, ']');
  EXPECT_EQ(canonical(mixed), mixed_expected);

  const std::string too_deep = std::string(n + 1, '[') + std::string(n + 1, ']');
  EXPECT_THAT(rejection(too_deep), HasSubstr("nesting deeper than 10000 levels"));
  const std::string huge = std::string(1'000'000, '[');  // must not exhaust the stack
  EXPECT_NE(rejection(huge), "");
}

TEST(JsonCanonical, WideObjectsSortAndKeepLastDuplicate) {
  std::string in = "{";
  for (int i = 999; i >= 0; --i) {
    in += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  in += R"("k5":"last"})";
  std::string expected = "{";
  // Shorter keys first: k0..k9, then k10..k99, then k100..k999.
  for (int i = 0; i < 1000; ++i) {
    if (i > 0) expected += ", ";
    expected += "\"k" + std::to_string(i) + "\": ";
    expected += i == 5 ? R"("last")" : std::to_string(i);
  }
  expected += "}";
  EXPECT_EQ(canonical(in), expected);
}

}  // namespace
}  // namespace s2p
