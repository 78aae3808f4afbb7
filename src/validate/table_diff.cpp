#include "sqlite2pg/validate/table_diff.h"

#include <xxhash.h>

#include <algorithm>
#include <future>
#include <unordered_map>

namespace s2p {
namespace {

constexpr std::uint32_t kBuckets = 4096;

std::uint32_t bucket_of(std::string_view key) {
  return static_cast<std::uint32_t>(XXH3_64bits(key.data(), key.size()) % kBuckets);
}

struct Buckets {
  std::vector<Uint128> sum = std::vector<Uint128>(kBuckets);
  std::vector<std::uint64_t> rows = std::vector<std::uint64_t>(kBuckets);
  RowChecksum total;

  void add(std::string_view key, const Hash128& h) {
    const auto b = bucket_of(key);
    sum[b] += h.value();
    ++rows[b];
    total.add(h);
  }
  bool same(const Buckets& o, std::uint32_t b) const {
    return sum[b] == o.sum[b] && rows[b] == o.rows[b];
  }
};

Buckets sum_buckets(const RowStream& stream) {
  Buckets out;
  stream([&](std::string_view key, const Hash128& h, const std::function<std::string()>&) {
    out.add(key, h);
  });
  return out;
}

struct Side {
  std::uint32_t count = 0;
  Hash128 hash;
};

struct Entry {
  Side source, target, baseline;
  std::string source_row;
};

void note(TableDiff& d, std::size_t limit, const char* kind, std::uint64_t n,
          const std::string& key, const Entry& e, std::uint64_t& counter) {
  if (n == 0) return;
  counter += n;
  std::size_t shown = 0;
  for (const auto& s : d.samples) shown += s.kind == kind;
  if (shown < limit) d.samples.push_back({kind, e.source_row, key});
}

void classify(TableDiff& d, const std::string& key, const Entry& e, bool with_baseline,
              std::size_t limit) {
  auto& c = d.counts;
  const auto& s = e.source;
  const auto& t = e.target;
  const auto& b = e.baseline;
  if (with_baseline) {
    if (s.count && !b.count) {
      note(d, limit, "added_in_source", s.count, key, e, c.added_in_source);
    } else if (!s.count && b.count) {
      note(d, limit, "deleted_in_source", b.count, key, e, c.deleted_in_source);
    } else if (s.count && b.count) {
      if (!(s.hash == b.hash)) {
        note(d, limit, "changed_in_source", 1, key, e, c.changed_in_source);
      } else if (s.count > b.count) {
        note(d, limit, "added_in_source", s.count - b.count, key, e, c.added_in_source);
      } else if (b.count > s.count) {
        note(d, limit, "deleted_in_source", b.count - s.count, key, e, c.deleted_in_source);
      }
    }
  }
  // The target still holding the cutover's version means the difference is the source's drift.
  const bool target_as_at_cutover = with_baseline && b.count && t.count && t.hash == b.hash;
  if (s.count && !t.count) {
    note(d, limit, "missing_in_target", s.count, key, e, c.missing_in_target);
  } else if (!s.count && t.count) {
    if (!target_as_at_cutover)
      note(d, limit, "extra_in_target", t.count, key, e, c.extra_in_target);
  } else if (s.count && t.count) {
    if (!(s.hash == t.hash)) {
      if (!target_as_at_cutover)
        note(d, limit, "changed_in_target", 1, key, e, c.changed_in_target);
    } else if (s.count > t.count) {
      note(d, limit, "missing_in_target", s.count - t.count, key, e, c.missing_in_target);
    } else if (t.count > s.count) {
      note(d, limit, "extra_in_target", t.count - s.count, key, e, c.extra_in_target);
    }
  }
}

}  // namespace

TableDiff diff_table(const DiffInput& in) {
  TableDiff d;
  // The two sides are independent reads (SQLite, PostgreSQL): read them at the same time.
  auto source_sums = std::async(std::launch::async, [&] { return sum_buckets(in.source); });
  const Buckets target = sum_buckets(in.target);
  const Buckets source = source_sums.get();
  d.source = source.total;
  d.target = target.total;
  const bool drifted = !in.recorded || in.recorded->first != source.total.hex() ||
                       in.recorded->second != source.total.rows();
  std::optional<Buckets> baseline;
  if (drifted && in.recorded && in.baseline) {
    baseline = sum_buckets(in.baseline);
    d.baseline = baseline->total;
  }
  std::vector<std::uint32_t> differing;
  for (std::uint32_t b = 0; b < kBuckets; ++b) {
    if (!source.same(target, b) || (baseline && !source.same(*baseline, b))) differing.push_back(b);
  }
  // Keyed passes over the differing buckets only, each holding at most max_rows_in_memory rows.
  std::size_t next = 0;
  while (next < differing.size()) {
    std::vector<bool> in_pass(kBuckets, false);
    std::uint64_t rows = 0;
    while (next < differing.size()) {
      const auto b = differing[next];
      const std::uint64_t r =
          std::max({source.rows[b], target.rows[b], baseline ? baseline->rows[b] : 0});
      if (rows > 0 && rows + r > in.max_rows_in_memory) break;
      rows += r;
      in_pass[b] = true;
      ++next;
    }
    std::unordered_map<std::string, Entry> entries;
    auto collect = [&](Side Entry::*side, bool name_rows) {
      return [&, side, name_rows](std::string_view key, const Hash128& h,
                                  const std::function<std::string()>& name) {
        if (!in_pass[bucket_of(key)]) return;
        Entry& e = entries[std::string(key)];
        ++(e.*side).count;
        (e.*side).hash = h;
        if (name_rows && name && e.source_row.empty()) e.source_row = name();
      };
    };
    in.source(collect(&Entry::source, true));
    in.target(collect(&Entry::target, false));
    if (baseline) in.baseline(collect(&Entry::baseline, false));
    // Sorted by key, so reports list the same rows in the same order every time.
    std::vector<const std::pair<const std::string, Entry>*> ordered;
    ordered.reserve(entries.size());
    for (const auto& kv : entries) ordered.push_back(&kv);
    std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* kv : ordered)
      classify(d, kv->first, kv->second, baseline.has_value(), in.sample_limit);
  }
  return d;
}

}  // namespace s2p
