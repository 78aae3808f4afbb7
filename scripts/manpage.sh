#!/usr/bin/env bash
# Writes sqlite2pg(1) from the binary's own help texts, so the manual page says exactly what
# `sqlite2pg help COMMAND` says.
#   bash scripts/manpage.sh path/to/sqlite2pg sqlite2pg.1
set -euo pipefail
bin=${1:?path to the sqlite2pg binary}
exec >"${2:?output file}"
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
version=$("$bin" --version | awk '{print $2}')
cat <<HEAD
.TH SQLITE2PG 1 "" "sqlite2pg $version" "User Commands"
.SH NAME
sqlite2pg \\- move SQLite databases into PostgreSQL, all or nothing, and prove it
.SH SYNOPSIS
.B sqlite2pg
.I COMMAND
[\\fIOPTIONS\\fR]
.SH DESCRIPTION
sqlite2pg loads the tables of SQLite files into PostgreSQL as YAML mappings describe, in one
transaction, refuses any value it cannot load exactly, reads every table back before it commits,
and proves later, row by row, whether the SQLite files may be deleted. The README in
/usr/share/doc/sqlite2pg explains the workflow, the mapping files, the report and the exit codes.
.PP
.nf
HEAD
"$bin" help | roff
echo ".fi"
echo ".SH COMMANDS"
for command in "schema up" "schema status" plan migrate sync "capture start" "capture status" "capture stop" rollback verify inventory scaffold; do
  echo ".SS sqlite2pg $command"
  echo ".nf"
  # shellcheck disable=SC2086  # "schema up" is two words on purpose
  "$bin" help $command | roff
  echo ".fi"
done
cat <<'TAIL'
.SH EXIT STATUS
0 success; 1 an internal error; 2 a bad command line; 3 mappings, migrations or sources that
cannot be used; 4 a source value or reference that cannot be loaded; 5 PostgreSQL refused or
could not be reached; 6 validation or verification found a difference (inventory: a file to keep); 7 target tables already
hold rows (rollback: an output file is there already); 8 the connection was lost during COMMIT; 9 committed with rows rejected; 130 and 143
interrupted and rolled back.
TAIL
