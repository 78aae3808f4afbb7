#pragma once
// Text read from a file (a name, a piece of SQL, a path) written where a line or a comment must
// hold it: a message on stderr, a `--` comment in SQL, a `#` comment in YAML.
#include <string>
#include <string_view>

namespace s2p {

// One line of readable text, unambiguous: a backslash is doubled; LF, CR and tab are \n, \r
// and \t; every other control character (C0, DEL) and every byte that is not well-formed UTF-8
// is \xNN; the C1 controls and the Unicode line and paragraph separators (which some readers
// end a line at) are \uNNNN. Everything else, UTF-8 included, is kept as it is.
std::string printable(std::string_view text);

// True when printable() would change nothing but backslashes: well-formed UTF-8 without a
// control character or a line separator.
bool is_printable(std::string_view text);

}  // namespace s2p
