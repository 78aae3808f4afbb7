#pragma once
#include <CLI/CLI.hpp>
#include <memory>

namespace s2p::cli {

// CLI11's help layout with option texts wrapped to fit 100 columns, and "command" where CLI11
// says "subcommand".
std::shared_ptr<CLI::Formatter> help_formatter();

}  // namespace s2p::cli
