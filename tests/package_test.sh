#!/usr/bin/env bash
# The Debian package: cpack builds it from BUILD_DIR, its dependencies are runtime libraries
# only, Debian 12's apt would install it, and the binary it holds runs from a scratch root.
#   bash tests/package_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "${1:?build directory}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$scratch"/out/sqlite2pg_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
echo "Depends: $depends"
for lib in libpq5 libsqlite3-0 libyaml-cpp0.7 libspdlog1.10 libssl3 libxxhash0 libarchive13; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
# The tool speaks libpq's C API only (src/pg), so it builds whichever libpqxx a distribution has.
! grep -q libpqxx <<<"$depends" || fail "Depends names libpqxx, which only the tests use"
for name in $(tr ',' '\n' <<<"$depends" | awk '{print $1}'); do
  if grep -Eq -- '-dev$|^(gcc|g\+\+|clang|cmake|build-essential|pkg-config)' <<<"$name"; then
    fail "Depends names a build tool: $name"
  fi
done

dpkg-deb -x "$deb" "$scratch/root"
version=$("$scratch/root/usr/bin/sqlite2pg" --version)
[ "$version" = "sqlite2pg $(dpkg-deb -f "$deb" Version)" ] || fail "--version says '$version'"
for f in usr/share/man/man1/sqlite2pg.1 usr/share/doc/sqlite2pg/README.md \
  usr/share/sqlite2pg/mappings/swarm.yaml usr/share/sqlite2pg/migrations/000_etl.sql; do
  [ -s "$scratch/root/$f" ] || fail "the package lacks $f"
done
# The manual page is the binary's own help.
grep -q -- "--connect-timeout SECONDS" "$scratch/root/usr/share/man/man1/sqlite2pg.1" ||
  fail "the manual page lacks the help text"
if [ "$(id -u)" -eq 0 ]; then
  apt-get install -s "$deb" >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log"; fail "apt-get install -s"; }
  grep -q "^Inst sqlite2pg" "$scratch/apt.log" || { cat "$scratch/apt.log"; fail "apt would not install it"; }
fi
echo "package: 1 passed, 0 failed"
