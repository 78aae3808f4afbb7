#include "sqlite2pg/transform/json_canonical.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include "sqlite2pg/util/text.h"

// The rules below mirror PostgreSQL 15: src/common/jsonapi.c (lexer), src/backend/utils/adt/
// jsonb.c and jsonb_util.c (object key order, duplicate keys, output), json.c (escape_json) and
// numeric.c (set_var_from_str, make_result, get_str_from_var). The JSON text is parsed into a
// flat tree first and printed afterwards, so a rejected value appends nothing.

namespace s2p {
namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

// PostgreSQL bounds its recursive-descent parser by max_stack_depth (about 13000 levels with the
// default 2MB); a fixed, lower bound keeps us on the safe side of that.
constexpr std::size_t kMaxDepth = 10000;

// MaxAllocSize: no text value, and no jsonb_out result, can be longer than this in PostgreSQL.
// It also keeps every offset below within 32 bits.
constexpr std::size_t kMaxTextBytes = (std::size_t{1} << 30) - 1;

// numeric limits. set_var_from_str rejects |exponent| >= INT_MAX / 2 outright; make_result then
// rejects a display scale above NUMERIC_DSCALE_MAX (0x3FFF) and a base-10000 weight above
// INT16_MAX, i.e. a leading significant digit at 10^131072 or beyond.
constexpr std::int64_t kExponentLimit = INT_MAX / 2;
constexpr std::int64_t kMaxDscale = 0x3FFF;
constexpr std::int64_t kMaxLeadingExponent = 4 * INT16_MAX + 3;

enum class Kind : std::uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

// One JSON value. Strings, numbers and member keys are stored in Scratch::text: strings decoded,
// numbers already in numeric_out form. Children are linked in input order.
struct Node {
  Kind kind;
  bool needs_escape = false;      // kString: decoded text contains bytes escape_json rewrites
  bool key_needs_escape = false;  // the same for the key, when this is an object member
  std::uint32_t text_off = 0;
  std::uint32_t text_len = 0;
  std::uint32_t key_off = 0;
  std::uint32_t key_len = 0;
  std::uint32_t first_child = kNone;
  std::uint32_t last_child = kNone;
  std::uint32_t next = kNone;
};

// A container being printed: for arrays `pos` is the next child node, for objects an index into
// Scratch::order, whose [order_begin, end) holds the members in output order.
struct Frame {
  std::uint32_t node;
  std::uint32_t pos;
  std::uint32_t end;
  std::uint32_t order_begin;
  bool first;
};

// Buffers reused across calls so the per-value cost is parsing and printing, not allocation.
struct Scratch {
  std::vector<Node> nodes;
  std::string text;
  std::vector<std::uint32_t> open;   // containers still being parsed, innermost last
  std::vector<std::uint32_t> order;  // object members in output order, per open Frame
  std::vector<Frame> frames;

  void reset() {
    // One huge value should not pin its memory for the rest of the run.
    constexpr std::size_t kKeepBytes = std::size_t{16} << 20;
    if (text.capacity() > kKeepBytes || nodes.capacity() * sizeof(Node) > kKeepBytes) {
      *this = Scratch{};
      return;
    }
    nodes.clear();
    text.clear();
    open.clear();
    order.clear();
    frames.clear();
  }
};

enum CharClass : std::uint8_t {
  kOther = 0,
  kPlain = 1,       // printable ASCII that stays as is inside a string
  kSpace = 2,       // JSON whitespace (jsonapi.c accepts exactly these four)
  kTokenChar = 4,   // JSON_ALPHANUMERIC_CHAR: letters, digits, '_' and bytes >= 0x80
  kNeedsEscape = 8  // escape_json rewrites it: '"', '\\' and bytes < 0x20
};

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t v = 0;
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') v |= kPlain;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') v |= kSpace;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c >= 0x80) {
      v |= kTokenChar;
    }
    if (c < 0x20 || c == '"' || c == '\\') v |= kNeedsEscape;
    t[c] = v;
  }
  return t;
}
constexpr std::array<std::uint8_t, 256> kClass = make_classes();

inline bool has(char c, CharClass k) { return (kClass[static_cast<unsigned char>(c)] & k) != 0; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the well-formed UTF-8 sequence at p (first byte >= 0x80), 0 if ill-formed. Same rules
// as PostgreSQL's pg_utf8_islegal: no overlongs, no surrogates, nothing above U+10FFFF.
std::size_t utf8_sequence_length(const char* p, const char* end) {
  const auto b0 = static_cast<unsigned char>(p[0]);
  std::size_t n;
  if (b0 < 0xC2) return 0;
  if (b0 < 0xE0) {
    n = 2;
  } else if (b0 < 0xF0) {
    n = 3;
  } else if (b0 <= 0xF4) {
    n = 4;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < n) return 0;
  const auto b1 = static_cast<unsigned char>(p[1]);
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return n;
}

void append_utf8(std::string& s, std::uint32_t cp) {
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A JSON number without an exponent: JSON forbids leading zeros, so the text already is
// numeric_out's, bar the sign of zero.
std::string append_plain_numeric(bool negative, std::string_view int_digits,
                                 std::string_view frac_digits, std::string& text) {
  const auto n_int = static_cast<std::int64_t>(int_digits.size());
  const auto n_frac = static_cast<std::int64_t>(frac_digits.size());
  const bool zero = int_digits == "0" && frac_digits.find_first_not_of('0') == frac_digits.npos;
  if (n_frac > kMaxDscale || (!zero && n_int - 1 > kMaxLeadingExponent)) {
    return "value overflows numeric format";
  }
  if (text.size() + int_digits.size() + frac_digits.size() + 2 > kMaxTextBytes) {
    return "value too large";
  }
  if (negative && !zero) text += '-';
  text.append(int_digits);
  if (n_frac > 0) {
    text += '.';
    text.append(frac_digits);
  }
  return {};
}

// Appends numeric_out's rendering of the JSON number -int.frac e exp. numeric_in keeps the exact
// value and a display scale of max(0, digits after the point - exponent); numeric_out prints the
// integer part without leading zeros ("0" if there is none) and exactly dscale fraction digits.
// Zero never keeps its sign. Returns an empty string or the reason numeric_in would fail.
std::string append_numeric(bool negative, std::string_view int_digits, std::string_view frac_digits,
                           bool has_exponent, std::int64_t exponent, std::string& text) {
  constexpr const char* kOverflow = "value overflows numeric format";
  const auto n_int = static_cast<std::int64_t>(int_digits.size());
  const auto n_frac = static_cast<std::int64_t>(frac_digits.size());

  if (!has_exponent) return append_plain_numeric(negative, int_digits, frac_digits, text);
  if (exponent >= kExponentLimit || exponent <= -kExponentLimit) return kOverflow;
  const std::int64_t dscale = std::max<std::int64_t>(0, n_frac - exponent);
  if (dscale > kMaxDscale) return kOverflow;

  const std::int64_t n_digits = n_int + n_frac;
  auto digit = [&](std::int64_t k) { return k < n_int ? int_digits[k] : frac_digits[k - n_int]; };
  std::int64_t first_nonzero = 0;
  while (first_nonzero < n_digits && digit(first_nonzero) == '0') ++first_nonzero;
  if (first_nonzero == n_digits) {
    text += '0';
    if (dscale > 0) {
      text += '.';
      text.append(static_cast<std::size_t>(dscale), '0');
    }
    return {};
  }

  // Decimal position of the leading significant digit: the value lies in [10^lead, 10^(lead+1)).
  const std::int64_t lead = n_int - 1 - first_nonzero + exponent;
  if (lead > kMaxLeadingExponent) return kOverflow;
  if (text.size() + static_cast<std::size_t>(std::max<std::int64_t>(lead, 0) + dscale) + 3 >
      kMaxTextBytes) {
    return "value too large";
  }
  // The digit at decimal position q (10^q) is digit(n_int - 1 + exponent - q), or an implied 0.
  auto at = [&](std::int64_t q) {
    const std::int64_t k = n_int - 1 + exponent - q;
    return k >= 0 && k < n_digits ? digit(k) : '0';
  };
  if (negative) text += '-';
  if (lead < 0) {
    text += '0';
  } else {
    for (std::int64_t q = lead; q >= 0; --q) text += at(q);
  }
  if (dscale > 0) {
    text += '.';
    for (std::int64_t q = -1; q >= -dscale; --q) text += at(q);
  }
  return {};
}

class Parser {
 public:
  Parser(std::string_view in, Scratch& s)
      : begin_(in.data()), p_(in.data()), end_(in.data() + in.size()), s_(s) {}

  // Parses the whole input into s_.nodes (root at index 0). Empty string on success.
  std::string run() {
    skip_space();
    if (p_ == end_) return "empty JSON text";
    for (;;) {
      // A value starts at p_.
      if (p_ == end_) return fail("unexpected end of input");
      switch (*p_) {
        case '{': {
          if (s_.open.size() >= kMaxDepth) return depth_error();
          s_.open.push_back(add_node(Kind::kObject));
          ++p_;
          skip_space();
          if (p_ < end_ && *p_ == '}') {
            ++p_;
            s_.open.pop_back();
            break;
          }
          if (!member_key()) return error_;
          continue;
        }
        case '[': {
          if (s_.open.size() >= kMaxDepth) return depth_error();
          s_.open.push_back(add_node(Kind::kArray));
          ++p_;
          skip_space();
          if (p_ < end_ && *p_ == ']') {
            ++p_;
            s_.open.pop_back();
            break;
          }
          continue;
        }
        case '"': {
          Str str;
          if (!string(str)) return error_;
          Node& n = s_.nodes[add_node(Kind::kString)];
          n.text_off = str.off;
          n.text_len = str.len;
          n.needs_escape = str.needs_escape;
          break;
        }
        case 't':
          if (!keyword("true", Kind::kTrue)) return error_;
          break;
        case 'f':
          if (!keyword("false", Kind::kFalse)) return error_;
          break;
        case 'n':
          if (!keyword("null", Kind::kNull)) return error_;
          break;
        default:
          if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) {
            if (!number()) return error_;
            break;
          }
          return unexpected_char();
      }

      // A value just ended: close finished containers, then find where the next value starts.
      for (;;) {
        skip_space();
        if (s_.open.empty()) {
          if (p_ != end_) return unexpected_char(" after the end of the JSON value");
          return {};
        }
        const bool in_object = s_.nodes[s_.open.back()].kind == Kind::kObject;
        if (p_ == end_) return fail("unexpected end of input");
        if (*p_ == ',') {
          ++p_;
          skip_space();
          if (in_object && !member_key()) return error_;
          break;
        }
        if (*p_ == (in_object ? '}' : ']')) {
          ++p_;
          s_.open.pop_back();
          continue;
        }
        return unexpected_char(in_object ? ", expected ',' or '}'" : ", expected ',' or ']'");
      }
    }
  }

 private:
  struct Str {
    std::uint32_t off = 0;
    std::uint32_t len = 0;
    bool needs_escape = false;
  };

  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }

  bool set_error(std::string reason) {
    error_ = std::move(reason);
    return false;
  }
  std::string fail(std::string_view what) { return fail_at(offset(), what); }
  std::string fail_at(std::size_t at, std::string_view what) {
    std::string r = "invalid JSON at byte " + std::to_string(at) + ": ";
    r.append(what);
    return r;
  }
  std::string depth_error() {
    return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }

  // Reports the byte at p_, naming bytes PostgreSQL would refuse before even parsing. `context`
  // is appended as is.
  std::string unexpected_char(std::string_view context = {}) {
    const auto c = static_cast<unsigned char>(*p_);
    if (c == 0) return "NUL byte at byte " + std::to_string(offset());
    if (c >= 0x80 && utf8_sequence_length(p_, end_) == 0) {
      return "invalid UTF-8 at byte " + std::to_string(offset());
    }
    std::string what = "unexpected ";
    if (c >= 0x20 && c < 0x7F) {
      what += '\'';
      what += static_cast<char>(c);
      what += '\'';
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x", c);
      what += "byte ";
      what += buf;
    }
    what.append(context);
    return fail(what);
  }

  void skip_space() {
    while (p_ < end_ && has(*p_, kSpace)) ++p_;
  }

  // Appends a node and links it into the innermost open container, taking the pending key when
  // that container is an object.
  std::uint32_t add_node(Kind kind) {
    const auto idx = static_cast<std::uint32_t>(s_.nodes.size());
    s_.nodes.push_back(Node{kind});
    if (!s_.open.empty()) {
      Node& parent = s_.nodes[s_.open.back()];
      if (parent.last_child == kNone) {
        parent.first_child = idx;
      } else {
        s_.nodes[parent.last_child].next = idx;
      }
      parent.last_child = idx;
      if (parent.kind == Kind::kObject) {
        Node& n = s_.nodes[idx];
        n.key_off = key_.off;
        n.key_len = key_.len;
        n.key_needs_escape = key_.needs_escape;
      }
    }
    return idx;
  }

  // Parses `"key" :` into key_ and leaves p_ at the start of the member's value.
  bool member_key() {
    if (p_ == end_) return set_error(fail("unexpected end of input, expected a string key"));
    if (*p_ != '"') return set_error(unexpected_char(", expected a string key"));
    if (!string(key_)) return false;
    skip_space();
    if (p_ == end_) return set_error(fail("unexpected end of input, expected ':'"));
    if (*p_ != ':') return set_error(unexpected_char(", expected ':'"));
    ++p_;
    skip_space();
    return true;
  }

  bool keyword(std::string_view word, Kind kind) {
    const std::size_t start = offset();
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0 ||
        (p_ + word.size() < end_ && has(p_[word.size()], kTokenChar))) {
      return set_error(fail_at(start, "invalid token"));
    }
    p_ += word.size();
    add_node(kind);
    return true;
  }

  // Decodes the string at p_ (opening quote) into s_.text.
  bool string(Str& out) {
    const std::size_t start = offset();
    ++p_;
    std::string& text = s_.text;
    const std::size_t text_start = text.size();
    bool needs_escape = false;
    const char* run = p_;  // bytes copied verbatim, appended in one go
    for (;;) {
      while (p_ < end_ && has(*p_, kPlain)) ++p_;
      if (p_ == end_) return set_error(fail_at(start, "unterminated string"));
      const auto c = static_cast<unsigned char>(*p_);
      if (c >= 0x80) {
        const std::size_t n = utf8_sequence_length(p_, end_);
        if (n == 0) return set_error("invalid UTF-8 at byte " + std::to_string(offset()));
        p_ += n;
        continue;
      }
      text.append(run, static_cast<std::size_t>(p_ - run));
      if (c == '"') {
        ++p_;
        break;
      }
      if (c != '\\') {
        if (c == 0) return set_error("NUL byte at byte " + std::to_string(offset()));
        char buf[64];
        std::snprintf(buf, sizeof buf, "character with value 0x%02x must be escaped", c);
        return set_error(fail(buf));
      }
      if (!escape(needs_escape)) return false;
      run = p_;
    }
    if (text.size() > kMaxTextBytes) return set_error("JSON text too large");
    out.off = static_cast<std::uint32_t>(text_start);
    out.len = static_cast<std::uint32_t>(text.size() - text_start);
    out.needs_escape = needs_escape;
    return true;
  }

  // Reads four hex digits after "\u" at p_ (which points at the backslash).
  bool hex4(std::uint32_t& cp) {
    if (end_ - p_ < 6) return set_error(fail("truncated \\u escape"));
    cp = 0;
    for (int i = 2; i < 6; ++i) {
      const int v = hex_value(p_[i]);
      if (v < 0) return set_error(fail("\\u must be followed by four hex digits"));
      cp = cp << 4 | static_cast<std::uint32_t>(v);
    }
    return true;
  }

  // Decodes the escape sequence at p_ (the backslash) into s_.text.
  bool escape(bool& needs_escape) {
    if (end_ - p_ < 2) return set_error(fail("unterminated string"));
    if (p_[1] == 'u') return unicode_escape(needs_escape);
    static constexpr std::pair<char, char> kSimple[] = {{'"', '"'},  {'\\', '\\'}, {'/', '/'},
                                                        {'b', '\b'}, {'f', '\f'},  {'n', '\n'},
                                                        {'r', '\r'}, {'t', '\t'}};
    for (const auto& [letter, decoded] : kSimple) {
      if (p_[1] != letter) continue;
      p_ += 2;
      needs_escape |= has(decoded, kNeedsEscape);
      s_.text += decoded;
      return true;
    }
    return set_error(fail("invalid escape sequence"));
  }

  // \uXXXX, or a surrogate pair of them, at p_.
  bool unicode_escape(bool& needs_escape) {
    std::uint32_t cp;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return set_error(fail("Unicode low surrogate must follow a high surrogate"));
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      p_ += 6;
      std::uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') {
        return set_error(fail("Unicode low surrogate must follow a high surrogate"));
      }
      if (!hex4(low)) return false;
      if (low >= 0xD800 && low <= 0xDBFF) {
        return set_error(fail("Unicode high surrogate must not follow a high surrogate"));
      }
      if (low < 0xDC00 || low > 0xDFFF) {
        return set_error(fail("Unicode low surrogate must follow a high surrogate"));
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp == 0) {
      // jsonb stores text, which cannot hold NUL; PostgreSQL refuses it the same way.
      return set_error("unsupported Unicode escape sequence \\u0000 at byte " +
                       std::to_string(offset()));
    }
    p_ += 6;
    if (cp < 0x80) needs_escape |= has(static_cast<char>(cp), kNeedsEscape);
    append_utf8(s_.text, cp);
    return true;
  }

  // Checks the grammar exactly as jsonapi.c's json_lex_number and stores numeric_out's text.
  bool number() {
    const std::size_t start = offset();
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    const char* int_begin = p_;
    if (p_ < end_ && *p_ == '0') {
      ++p_;
    } else if (p_ < end_ && *p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    } else {
      return set_error(fail_at(start, "invalid number"));
    }
    const std::string_view int_digits(int_begin, static_cast<std::size_t>(p_ - int_begin));
    std::string_view frac_digits;
    if (p_ < end_ && *p_ == '.') {
      const char* frac_begin = ++p_;
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      if (p_ == frac_begin) return set_error(fail_at(start, "invalid number"));
      frac_digits = std::string_view(frac_begin, static_cast<std::size_t>(p_ - frac_begin));
    }
    bool has_exponent = false;
    std::int64_t exponent = 0;
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      has_exponent = true;
      ++p_;
      bool exp_negative = false;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) exp_negative = *p_++ == '-';
      const char* exp_begin = p_;
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
        // Saturate well above kExponentLimit; only "too big" matters beyond that.
        exponent = std::min<std::int64_t>(exponent * 10 + (*p_ - '0'), std::int64_t{1} << 40);
        ++p_;
      }
      if (p_ == exp_begin) return set_error(fail_at(start, "invalid number"));
      if (exp_negative) exponent = -exponent;
    }
    // Like json_lex_number, letters or digits glued to the number make the token invalid.
    if (p_ < end_ && has(*p_, kTokenChar)) return set_error(fail_at(start, "invalid number"));

    const std::size_t text_start = s_.text.size();
    std::string why =
        append_numeric(negative, int_digits, frac_digits, has_exponent, exponent, s_.text);
    if (!why.empty()) {
      s_.text.resize(text_start);
      return set_error("number at byte " + std::to_string(start) + " out of range: " + why);
    }
    Node& n = s_.nodes[add_node(Kind::kNumber)];
    n.text_off = static_cast<std::uint32_t>(text_start);
    n.text_len = static_cast<std::uint32_t>(s_.text.size() - text_start);
    return true;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  Scratch& s_;
  Str key_;  // key of the object member whose value comes next
  std::string error_;
};

// escape_json (PostgreSQL 15): \" \\ \b \f \n \r \t, other bytes below 0x20 as \u00xx in lower
// case hex, everything else verbatim ('/' and DEL included).
void append_quoted(std::string& out, const char* s, std::size_t n, bool needs_escape) {
  out += '"';
  if (!needs_escape) {
    out.append(s, n);
  } else {
    const char* run = s;
    const char* end = s + n;
    for (const char* p = s; p < end; ++p) {
      if (!has(*p, kNeedsEscape)) continue;
      out.append(run, static_cast<std::size_t>(p - run));
      run = p + 1;
      switch (*p) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default: {
          const auto c = static_cast<unsigned char>(*p);
          const char esc[] = {'\\', 'u', '0', '0', kHexDigits[c >> 4], kHexDigits[c & 0xF]};
          out.append(esc, sizeof esc);
        }
      }
    }
    out.append(run, static_cast<std::size_t>(end - run));
  }
  out += '"';
}

class Printer {
 public:
  Printer(Scratch& s, std::string& out) : s_(s), out_(out), text_(s.text.data()) {}

  void run() {
    value(0);
    while (!s_.frames.empty()) {
      Frame& f = s_.frames.back();
      const bool in_object = s_.nodes[f.node].kind == Kind::kObject;
      std::uint32_t child;
      if (in_object) {
        if (f.pos == f.end) {
          out_ += '}';
          s_.order.resize(f.order_begin);
          s_.frames.pop_back();
          continue;
        }
        child = s_.order[f.pos++];
      } else {
        if (f.pos == kNone) {
          out_ += ']';
          s_.frames.pop_back();
          continue;
        }
        child = f.pos;
        f.pos = s_.nodes[child].next;
      }
      if (!f.first) out_ += ", ";
      f.first = false;
      if (in_object) {
        const Node& m = s_.nodes[child];
        append_quoted(out_, text_ + m.key_off, m.key_len, m.key_needs_escape);
        out_ += ": ";
      }
      value(child);  // may push a frame, so `f` is not used after this
    }
  }

 private:
  // Prints a scalar, or opens a container and pushes its frame.
  void value(std::uint32_t idx) {
    const Node& n = s_.nodes[idx];
    switch (n.kind) {
      case Kind::kNull:
        out_ += "null";
        break;
      case Kind::kTrue:
        out_ += "true";
        break;
      case Kind::kFalse:
        out_ += "false";
        break;
      case Kind::kNumber:
        out_.append(text_ + n.text_off, n.text_len);
        break;
      case Kind::kString:
        append_quoted(out_, text_ + n.text_off, n.text_len, n.needs_escape);
        break;
      case Kind::kArray:
        out_ += '[';
        s_.frames.push_back(Frame{idx, n.first_child, 0, 0, true});
        break;
      case Kind::kObject: {
        out_ += '{';
        const auto begin = static_cast<std::uint32_t>(s_.order.size());
        order_members(n);
        s_.frames.push_back(
            Frame{idx, begin, static_cast<std::uint32_t>(s_.order.size()), begin, true});
        break;
      }
    }
  }

  // jsonb's key order (lengthCompareJsonbStringValue): shorter keys first, equal lengths by
  // memcmp. Not the collation, not plain byte order.
  int compare_keys(std::uint32_t a, std::uint32_t b) const {
    const Node& x = s_.nodes[a];
    const Node& y = s_.nodes[b];
    if (x.key_len != y.key_len) return x.key_len < y.key_len ? -1 : 1;
    return std::memcmp(text_ + x.key_off, text_ + y.key_off, x.key_len);
  }

  // Appends the object's members to s_.order in jsonb order, keeping only the last of duplicate
  // keys (uniqueifyJsonbObject).
  void order_members(const Node& obj) {
    auto& order = s_.order;
    const std::size_t begin = order.size();
    for (std::uint32_t c = obj.first_child; c != kNone; c = s_.nodes[c].next) order.push_back(c);
    const auto first = order.begin() + static_cast<std::ptrdiff_t>(begin);
    bool ordered = true;  // common for small or machine-written objects; skips the sort
    for (auto it = first; it + 1 < order.end(); ++it) {
      if (compare_keys(*it, *(it + 1)) >= 0) {
        ordered = false;
        break;
      }
    }
    if (ordered) return;
    // Node indices grow in input order, so they break ties between duplicates.
    std::sort(first, order.end(), [this](std::uint32_t a, std::uint32_t b) {
      const int c = compare_keys(a, b);
      return c != 0 ? c < 0 : a < b;
    });
    auto out = first;
    for (auto it = first; it != order.end(); ++it) {
      if (it + 1 != order.end() && compare_keys(*it, *(it + 1)) == 0) continue;  // a later one wins
      *out++ = *it;
    }
    order.erase(out, order.end());
  }

  Scratch& s_;
  std::string& out_;
  const char* text_;
};

}  // namespace

std::string canonicalize_jsonb(std::string_view json_text, std::string& out) {
  if (json_text.size() > kMaxTextBytes) return "JSON text larger than 1 GB";
  thread_local Scratch scratch;
  scratch.reset();
  std::string error = Parser(json_text, scratch).run();
  if (error.empty()) Printer(scratch, out).run();
  return error;
}

}  // namespace s2p
