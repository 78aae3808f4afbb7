#include "sqlite2pg/util/sha256.h"

#include <openssl/evp.h>

#include <memory>
#include <vector>

#include "sqlite2pg/util/file_reader.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

struct Digest {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
  Digest() { EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr); }
  void update(const void* data, std::size_t size) { EVP_DigestUpdate(ctx.get(), data, size); }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    std::string out;
    append_hex(out, std::string_view(reinterpret_cast<const char*>(md), len));
    return out;
  }
};

}  // namespace

struct Sha256Stream::Impl : Digest {};

Sha256Stream::Sha256Stream() : impl_(std::make_unique<Impl>()) {}
Sha256Stream::~Sha256Stream() = default;
void Sha256Stream::update(std::string_view bytes) { impl_->update(bytes.data(), bytes.size()); }
std::string Sha256Stream::hex() { return impl_->hex(); }

std::string sha256_hex(std::string_view bytes) {
  Digest d;
  d.update(bytes.data(), bytes.size());
  return d.hex();
}

std::string sha256_file(const std::filesystem::path& path) {
  FileReader in(path);
  Digest d;
  std::vector<char> buf(1 << 20);
  while (const auto n = in.read(buf.data(), buf.size())) d.update(buf.data(), n);
  return d.hex();
}

}  // namespace s2p
