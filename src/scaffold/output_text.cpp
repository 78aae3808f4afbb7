#include "output_text.h"

#include "sqlite2pg/util/printable.h"

namespace s2p::scaffolding {

std::string sql_comment(std::string_view text) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    std::string line = printable(text.substr(start, end - start));
    // printable() doubles backslashes, so "*\/" reads back as "*/" and nothing else does.
    for (auto at = line.find("*/"); at != std::string::npos; at = line.find("*/", at + 3))
      line.replace(at, 2, "*\\/");
    out += "-- " + line + "\n";
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

void yaml_text(YAML::Emitter& e, const std::string& text) {
  // yaml-cpp writes CR, DEL, NEL and the line separators unescaped unless asked to.
  if (!is_printable(text)) e << YAML::DoubleQuoted << YAML::EscapeNonAscii;
  e << text;
}

YAML::_Comment yaml_comment(std::string_view text) { return YAML::Comment(printable(text)); }

YAML::_Comment yaml_header(std::string_view header, const std::vector<std::string>& decisions) {
  std::string text = printable(header);
  for (const auto& d : decisions) text += "\nTO DECIDE: " + printable(d);
  return YAML::Comment(text);  // yaml-cpp starts a comment line at each of these LFs
}

}  // namespace s2p::scaffolding
