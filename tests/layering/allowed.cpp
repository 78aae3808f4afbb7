// Compiles: load includes what it links (plan, copy, and below).
#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/util/failure.h"
