#include "sqlite2pg/validate/table_diff.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <future>
#include <unordered_map>

namespace s2p {
namespace {

// Fine enough that a change of 1% of a million rows leaves most buckets equal, so the keyed
// comparison looks at a few percent of the rows; 4 MB per side.
constexpr std::uint32_t kBuckets = 1 << 17;

std::uint32_t bucket_of(std::string_view key) {
  return static_cast<std::uint32_t>(XXH3_64bits(key.data(), key.size()) % kBuckets);
}

struct Buckets {
  struct Bucket {
    Uint128 sum = 0;
    std::uint64_t rows = 0;  // beside its sum: one cache line touched per row
  };
  std::vector<Bucket> bucket = std::vector<Bucket>(kBuckets);
  RowChecksum total;

  void add(std::string_view key, const Hash128& h) {
    Bucket& b = bucket[bucket_of(key)];
    b.sum += h.value();
    ++b.rows;
    total.add(h);
  }
  std::uint64_t rows(std::uint32_t b) const { return bucket[b].rows; }
  bool same(const Buckets& o, std::uint32_t b) const {
    return bucket[b].sum == o.bucket[b].sum && bucket[b].rows == o.bucket[b].rows;
  }
};

// A side's one pass: its bucket sums, and the side itself on disk for the keyed passes.
struct SpooledSide {
  Buckets buckets;
  std::shared_ptr<KeySpool> spool = std::make_shared<KeySpool>();
};

SpooledSide read_side(const RowStream& stream) {
  SpooledSide out;
  stream([&](std::string_view key, const Hash128& h, std::uint64_t locator) {
    out.buckets.add(key, h);
    out.spool->add(key, h, locator);
  });
  return out;
}

void note(TableDiff& d, std::size_t limit, DiffKind kind, std::uint64_t n, const std::string& key,
          const KeyedRow& e, std::uint64_t& counter) {
  if (n == 0) return;
  counter += n;
  std::size_t shown = 0;
  for (const auto& s : d.samples) shown += s.kind == kind;
  if (shown < limit) d.samples.push_back({kind, e.source.count ? e.locator : 0, key});
}

void classify_drift(TableDiff& d, const std::string& key, const KeyedRow& e, std::size_t limit) {
  auto& c = d.counts;
  const auto& s = e.source;
  const auto& b = e.baseline;
  if (s.count && !b.count) {
    note(d, limit, DiffKind::added_in_source, s.count, key, e, c.added_in_source);
  } else if (!s.count && b.count) {
    note(d, limit, DiffKind::deleted_in_source, b.count, key, e, c.deleted_in_source);
  } else if (s.count && b.count) {
    if (!(s.hash == b.hash)) {
      note(d, limit, DiffKind::changed_in_source, 1, key, e, c.changed_in_source);
    } else if (s.count > b.count) {
      note(d, limit, DiffKind::added_in_source, s.count - b.count, key, e, c.added_in_source);
    } else if (b.count > s.count) {
      note(d, limit, DiffKind::deleted_in_source, b.count - s.count, key, e, c.deleted_in_source);
    }
  }
}

void classify(TableDiff& d, const std::string& key, const KeyedRow& e, bool with_baseline,
              std::size_t limit) {
  auto& c = d.counts;
  const auto& s = e.source;
  const auto& t = e.target;
  const auto& b = e.baseline;
  if (with_baseline) classify_drift(d, key, e, limit);
  // The target still holding the cutover's version means the difference is the source's drift.
  const bool target_as_at_cutover = with_baseline && b.count && t.count && t.hash == b.hash;
  if (s.count && !t.count) {
    note(d, limit, DiffKind::missing_in_target, s.count, key, e, c.missing_in_target);
  } else if (!s.count && t.count) {
    if (!target_as_at_cutover)
      note(d, limit, DiffKind::extra_in_target, t.count, key, e, c.extra_in_target);
  } else if (s.count && t.count) {
    if (!(s.hash == t.hash)) {
      if (!target_as_at_cutover)
        note(d, limit, DiffKind::changed_in_target, 1, key, e, c.changed_in_target);
    } else if (s.count > t.count) {
      note(d, limit, DiffKind::missing_in_target, s.count - t.count, key, e, c.missing_in_target);
    } else if (t.count > s.count) {
      note(d, limit, DiffKind::extra_in_target, t.count - s.count, key, e, c.extra_in_target);
    }
  }
}

// The differing buckets in groups whose rows, on the largest side, fit in memory.
std::vector<std::vector<bool>> passes_over(const std::vector<std::uint32_t>& differing,
                                           const std::vector<const Buckets*>& sides,
                                           std::size_t max_rows) {
  std::vector<std::vector<bool>> passes;
  std::uint64_t rows = 0;
  for (const auto b : differing) {
    std::uint64_t r = 0;
    for (const auto* s : sides) r = std::max(r, s->rows(b));
    if (passes.empty() || (rows > 0 && rows + r > max_rows)) {
      passes.emplace_back(kBuckets, false);
      rows = 0;
    }
    rows += r;
    passes.back()[b] = true;
  }
  return passes;
}

// The rows each keyed pass reads, per side (source, target, baseline; null: no such side).
using PassSpools = std::array<KeySpool*, 3>;

// One keyed pass over the rows of the buckets in `in_pass`, from the spools.
void compare_keyed(const DiffInput& in, const std::vector<bool>& in_pass, const PassSpools& spools,
                   TableDiff& d) {
  std::unordered_map<std::string, KeyedRow> entries;
  auto collect = [&](KeySide KeyedRow::*side) {
    return [&, side](std::string_view key, const Hash128& h, std::uint64_t locator) {
      if (!in_pass[bucket_of(key)]) return;
      KeyedRow& e = entries[std::string(key)];
      ++(e.*side).count;
      (e.*side).hash = h;
      if (side == &KeyedRow::source && !e.locator) e.locator = locator;
    };
  };
  spools[0]->replay(collect(&KeyedRow::source));
  if (spools[1]) spools[1]->replay(collect(&KeyedRow::target));
  if (spools[2]) spools[2]->replay(collect(&KeyedRow::baseline));
  // Sorted by key, so reports list the same rows in the same order every time.
  std::vector<const std::pair<const std::string, KeyedRow>*> ordered;
  ordered.reserve(entries.size());
  for (const auto& kv : entries) ordered.push_back(&kv);
  std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (const auto* kv : ordered) {
    if (spools[1]) {
      classify(d, kv->first, kv->second, spools[2] != nullptr, in.sample_limit);
    } else if (spools[2]) {
      classify_drift(d, kv->first, kv->second, in.sample_limit);
    }
    if (in.on_key) in.on_key(kv->first, kv->second);
  }
}

// Several passes: each side's rows of the differing buckets split once into a spool per pass
// (per group of kSplitPasses passes, which bounds the open files), so that a pass reads its own
// rows instead of every side whole. Memory stays one pass's rows however many rows differ; the
// reading stays about one more pass over each side per group.
constexpr std::size_t kSplitPasses = 32;
// Each per-pass spool's write buffer: up to kSplitPasses x 3 of them are open at once.
constexpr std::size_t kPassSpoolBuffer = std::size_t{1} << 14;

struct SplitSides {
  std::vector<std::array<std::unique_ptr<KeySpool>, 3>> by_pass;

  // Passes [first, last).
  SplitSides(const std::vector<std::vector<bool>>& passes, std::size_t first, std::size_t last,
             const std::array<SpooledSide*, 3>& sides) {
    std::vector<std::uint32_t> pass_of(kBuckets, 0);  // 1 + the pass's index in the group
    for (std::size_t p = first; p < last; ++p)
      for (std::uint32_t b = 0; b < kBuckets; ++b)
        if (passes[p][b]) pass_of[b] = static_cast<std::uint32_t>(p - first + 1);
    by_pass.resize(last - first);
    for (std::size_t s = 0; s < sides.size(); ++s) {
      if (!sides[s]) continue;
      for (auto& spools : by_pass) spools[s] = std::make_unique<KeySpool>(kPassSpoolBuffer);
      sides[s]->spool->replay([&](std::string_view key, const Hash128& h, std::uint64_t locator) {
        if (const auto p = pass_of[bucket_of(key)]) by_pass[p - 1][s]->add(key, h, locator);
      });
      for (auto& spools : by_pass) spools[s]->seal();
    }
  }
  PassSpools pass(std::size_t p) const {
    return {by_pass[p][0].get(), by_pass[p][1].get(), by_pass[p][2].get()};
  }
};

}  // namespace

DiffTally DiffCounts::tally() const {
  DiffTally t;
  t[DiffKind::added_in_source] = added_in_source;
  t[DiffKind::changed_in_source] = changed_in_source;
  t[DiffKind::deleted_in_source] = deleted_in_source;
  t[DiffKind::missing_in_target] = missing_in_target;
  t[DiffKind::changed_in_target] = changed_in_target;
  t[DiffKind::extra_in_target] = extra_in_target;
  return t;
}

TableDiff diff_table(const DiffInput& in) {
  TableDiff d;
  // The sides are independent reads (SQLite, PostgreSQL): read them at the same time. Without
  // a target, the recorded side is read meanwhile, before it is known to be needed.
  auto source_pass = std::async(std::launch::async, [&] { return read_side(in.source); });
  std::optional<SpooledSide> target, baseline;
  if (in.target) {
    target = read_side(in.target);
    d.target = target->buckets.total;
  } else if (in.recorded && in.baseline) {
    baseline = read_side(in.baseline);
  }
  SpooledSide source = source_pass.get();
  d.source = source.buckets.total;
  d.source_rows = source.spool;
  const bool drifted = !in.recorded || in.recorded->first != d.source.hex() ||
                       in.recorded->second != d.source.rows();
  if (!drifted) {
    baseline.reset();
  } else if (!baseline && in.recorded && in.baseline) {
    baseline = read_side(in.baseline);
  }
  if (baseline) d.baseline = baseline->buckets.total;
  std::vector<std::uint32_t> differing;
  for (std::uint32_t b = 0; b < kBuckets; ++b) {
    if ((target && !source.buckets.same(target->buckets, b)) ||
        (baseline && !source.buckets.same(baseline->buckets, b)))
      differing.push_back(b);
  }
  std::vector<const Buckets*> sides = {&source.buckets};
  if (target) sides.push_back(&target->buckets);
  if (baseline) sides.push_back(&baseline->buckets);
  const auto passes = passes_over(differing, sides, in.max_rows_in_memory);
  if (passes.size() == 1) {
    compare_keyed(in, passes[0],
                  {source.spool.get(), target ? target->spool.get() : nullptr,
                   baseline ? baseline->spool.get() : nullptr},
                  d);
  } else if (passes.size() > 1) {
    for (std::size_t first = 0; first < passes.size(); first += kSplitPasses) {
      const std::size_t last = std::min(passes.size(), first + kSplitPasses);
      const SplitSides split(
          passes, first, last,
          {&source, target ? &*target : nullptr, baseline ? &*baseline : nullptr});
      for (std::size_t p = first; p < last; ++p)
        compare_keyed(in, passes[p], split.pass(p - first), d);
    }
  }
  return d;
}

}  // namespace s2p
