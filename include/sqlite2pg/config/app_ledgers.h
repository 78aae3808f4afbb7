#pragma once
// The tables in which application frameworks record which of their migrations ran. The
// application's PostgreSQL migrations wrote their own rows there; SQLite's rows would make it
// re-run or skip migrations, so these are never written unless a mapping says so by name.
#include <string_view>

namespace s2p {

// The framework keeping `table` as its migration ledger ("Diesel"), or nullptr.
const char* migration_ledger_of(std::string_view table);

}  // namespace s2p
