// Must not compile: load including run, a module above it.
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/run/progress.h"
