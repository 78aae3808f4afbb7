// printable(): text from a file as one readable, unambiguous line.
#include "sqlite2pg/util/printable.h"

#include <gtest/gtest.h>

namespace s2p {
namespace {

TEST(Printable, EndsNoLineAndHidesNoByte) {
  EXPECT_EQ(printable("plain é 日本 😀 */ -- \"'"), "plain é 日本 😀 */ -- \"'");
  EXPECT_EQ(printable("a\nb\rc\td\\e"), "a\\nb\\rc\\td\\\\e");
  EXPECT_EQ(printable(std::string("\x00\x01\x1b[31m\x7f", 8)), "\\x00\\x01\\x1b[31m\\x7f");
  EXPECT_EQ(printable("\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9|\xc2\xa0"),
            "\\u0085|\\u2028|\\u2029|\xc2\xa0");
  EXPECT_EQ(printable("\xff\xc3(\xe2\x82"), "\\xff\\xc3(\\xe2\\x82");  // not UTF-8
}

TEST(Printable, TellsWhetherAnythingButBackslashesWouldChange) {
  EXPECT_TRUE(is_printable("a \\ b é */"));
  for (const char* bad : {"a\rb", "a\nb", "\x01", "\x7f", "\xc2\x85", "\xe2\x80\xa8", "\xff"})
    EXPECT_FALSE(is_printable(bad)) << printable(bad);
}

}  // namespace
}  // namespace s2p
