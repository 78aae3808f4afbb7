#include "sqlite2pg/cli/help_formatter.h"

#include <sstream>

namespace s2p::cli {
namespace {

constexpr std::size_t kNameColumn = 32;
constexpr std::size_t kLineWidth = 100;

// Breaks each line of `text` at spaces into lines of at most `width` characters, joined by
// '\n' (CLI11 indents each continuation line to the description column).
std::string wrap(const std::string& text, std::size_t width) {
  std::istringstream paragraphs(text);
  std::string out;
  for (std::string paragraph; std::getline(paragraphs, paragraph);) {
    std::istringstream words(paragraph);
    std::string line;
    for (std::string word; words >> word;) {
      if (!line.empty() && line.size() + 1 + word.size() > width) {
        out += line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

class Formatter : public CLI::Formatter {
 public:
  Formatter() {
    column_width(kNameColumn);
    label("SUBCOMMAND", "COMMAND");
    label("SUBCOMMANDS", "COMMANDS");
  }
  std::string make_option_desc(const CLI::Option* opt) const override {
    return wrap(opt->get_description(), kLineWidth - kNameColumn);
  }
};

}  // namespace

std::shared_ptr<CLI::Formatter> help_formatter() { return std::make_shared<Formatter>(); }

}  // namespace s2p::cli
