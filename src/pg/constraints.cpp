#include "sqlite2pg/pg/constraints.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string table_list(const std::vector<const TargetTable*>& tables) {
  std::string list;
  for (const auto* t : tables) list += (list.empty() ? "" : ", ") + t->qualified();
  return list;
}

std::string constrained_table(const ForeignKey& fk) {
  return quote_ident(fk.schema) + "." + quote_ident(fk.table);
}

}  // namespace

void lock_exclusive(PgSession& pg, const std::vector<const TargetTable*>& tables) {
  pg.exec("LOCK TABLE " + table_list(tables) + " IN ACCESS EXCLUSIVE MODE");
}

void truncate(PgSession& pg, const std::vector<const TargetTable*>& tables) {
  pg.exec("TRUNCATE " + table_list(tables));
}

void drop_foreign_key(PgSession& pg, const ForeignKey& fk) {
  pg.exec("ALTER TABLE " + constrained_table(fk) + " DROP CONSTRAINT " + quote_ident(fk.name));
}

void add_foreign_key(PgSession& pg, const ForeignKey& fk) {
  pg.exec("ALTER TABLE " + constrained_table(fk) + " ADD CONSTRAINT " + quote_ident(fk.name) + " " +
          fk.definition);
}

void drop_index(PgSession& pg, const SecondaryIndex& index) { pg.exec("DROP INDEX " + index.name); }

void build_index(PgSession& pg, const SecondaryIndex& index) { pg.exec(index.definition); }

Orphans orphans_of(PgSession& pg, const ForeignKey& fk, std::size_t limit) {
  std::string cond, select, not_null;
  for (std::size_t i = 0; i < fk.columns.size(); ++i) {
    cond += (i ? " AND " : "") + std::string("p.") + quote_ident(fk.ref_columns[i]) + " = c." +
            quote_ident(fk.columns[i]);
    select += (i ? " || ',' || " : "") + std::string("c.") + quote_ident(fk.columns[i]) + "::text";
    not_null += " AND c." + quote_ident(fk.columns[i]) + " IS NOT NULL";
  }
  const std::string from = constrained_table(fk) + " c WHERE true" + not_null +
                           " AND NOT EXISTS (SELECT 1 FROM " + quote_ident(fk.ref_schema) + "." +
                           quote_ident(fk.ref_table) + " p WHERE " + cond + ")";
  Orphans o;
  for (const auto& r : pg.query("SELECT DISTINCT " + select + " FROM " + from + " LIMIT " +
                                std::to_string(limit))) {
    o.values.push_back(r[0].value_or(""));
  }
  if (!o.values.empty()) o.total = pg.query_value("SELECT count(*) FROM " + from).value_or("?");
  return o;
}

namespace {

// The value nextval() hands out next, and what to put back if the transaction does not commit.
struct SequenceAt {
  std::int64_t last_value = 0;
  bool is_called = false;
  std::int64_t next() const { return is_called ? last_value + 1 : last_value; }
};

SequenceAt sequence_at(PgSession& pg, const std::string& name) {
  const auto row = pg.query("SELECT last_value::text, is_called::text FROM " + name).at(0);
  return {std::stoll(row[0].value_or("0")), row[1] == "true"};
}

// setval() is not transactional: the move is put back after a rollback (a dry run, a failure),
// unless the sequence is gone (created by this transaction) or handed out a value since.
void put_back_on_rollback(PgSession& pg, const std::string& name, SequenceAt was,
                          std::int64_t set) {
  pg.undo_on_rollback([&pg, name, was, set] {
    try {
      if (pg.query_value("SELECT to_regclass($1) IS NOT NULL", {name}) != "t") return;
      pg.query("SELECT setval($1::regclass, $2::bigint, $3::boolean) FROM " + name +
                   " s WHERE NOT s.is_called AND s.last_value = $4::bigint",
               {name, std::to_string(was.last_value), was.is_called ? "true" : "false",
                std::to_string(set)});
    } catch (const std::exception& e) {
      spdlog::warn("sequence {} could not be put back to {} after the rollback: {}", name,
                   was.next(), e.what());
    }
  });
}

}  // namespace

void move_sequence_forward(PgSession& pg, const std::string& name, std::int64_t next) {
  const SequenceAt at = sequence_at(pg, name);
  if (at.next() >= next) return;
  pg.query("SELECT setval($1::regclass, $2::bigint, false)", {name, std::to_string(next)});
  put_back_on_rollback(pg, name, at, next);
}

void restart_sequence_past_max(PgSession& pg, const TargetTable& table, const TargetColumn& column,
                               std::int64_t floor) {
  const auto max = pg.query_value("SELECT max(" + quote_ident(column.name) + ")::text FROM " +
                                  table.qualified());
  if (!max && floor <= 0) return;
  move_sequence_forward(pg, column.sequence,
                        std::max<std::int64_t>(max ? std::stoll(*max) : 0, floor) + 1);
}

std::string set_sequence_from_query(PgSession& pg, const std::string& sequence,
                                    const std::string& query) {
  const auto value = pg.query_value("SELECT (" + query + ")::bigint::text");
  const auto dot = sequence.find('.');
  const std::string name =
      quote_ident(sequence.substr(0, dot)) + "." + quote_ident(sequence.substr(dot + 1));
  const auto range = pg.query(
      "SELECT start_value::text, min_value::text FROM pg_sequences WHERE format('%I.%I', "
      "schemaname, sequencename)::regclass = $1::regclass",
      {name});
  const std::int64_t start = std::stoll(range.at(0)[0].value_or("1"));
  const std::int64_t min = std::stoll(range.at(0)[1].value_or("1"));
  if (!value) {
    move_sequence_forward(pg, name, start);
    return "NULL";
  }
  // Below the sequence's range (no backfilled events: -min is negative), all of it is free.
  if (std::stoll(*value) < min) {
    move_sequence_forward(pg, name, start);
    return *value + " (below its minimum " + std::to_string(min) + ": from its start)";
  }
  move_sequence_forward(pg, name, std::stoll(*value) + 1);
  return *value;
}

std::uint64_t run_after_load(PgSession& pg, const std::string& statement) {
  return pg.exec_count(statement);
}

}  // namespace s2p
