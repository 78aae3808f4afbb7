#include "sqlite2pg/copy/tuple_key.h"

#include <xxhash.h>

#include <algorithm>

#include "sqlite2pg/util/bytes.h"

namespace s2p {

TupleKey::TupleKey(std::vector<int> fields) : fields_(std::move(fields)) {
  std::sort(fields_.begin(), fields_.end());
}

void TupleKey::extract(std::string_view tuple, std::string& out) const {
  out.clear();
  std::size_t at = 2;  // past the field count
  std::size_t next = 0;
  for (int field = 0; next < fields_.size() && at + 4 <= tuple.size(); ++field) {
    const std::uint32_t len = get_u32(tuple, at);
    const std::size_t size = 4 + (len == 0xffffffffu ? 0 : len);
    if (field == fields_[next]) {
      out.append(tuple.substr(at, size));
      ++next;
    }
    at += size;
  }
}

}  // namespace s2p
