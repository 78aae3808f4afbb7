#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace s2p {

std::string sha256_hex(std::string_view bytes);

// Streams the file; throws Failure(config) naming the path when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace s2p
