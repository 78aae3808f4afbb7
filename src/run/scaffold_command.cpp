// sqlite2pg scaffold: a starter mapping (and optionally a target schema) for any SQLite file.
#include <cstdio>
#include <fstream>

#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/scaffold/scaffold.h"

namespace s2p {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text)) throw Failure(ExitCode::usage, "cannot write " + path);
}

}  // namespace

ExitCode run_scaffold(const ScaffoldCommand& command) {
  ScaffoldOptions options = command.options;
  options.fold_names = command.names == "lower";
  const Scaffold s = scaffold(options);
  if (command.output.empty()) {
    std::fwrite(s.mapping_yaml.data(), 1, s.mapping_yaml.size(), stdout);
  } else {
    write_file(command.output, s.mapping_yaml);
    std::fprintf(stderr, "mapping written to %s\n", command.output.c_str());
  }
  if (!command.ddl.empty()) {
    write_file(command.ddl, s.ddl);
    std::fprintf(stderr, "target schema written to %s\n", command.ddl.c_str());
  }
  if (!s.notes.empty()) {
    std::fprintf(stderr, "to review (also in the files' comments):\n");
    for (const auto& n : s.notes) std::fprintf(stderr, "  - %s\n", n.c_str());
  }
  return ExitCode::ok;
}

}  // namespace s2p
