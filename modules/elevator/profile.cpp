// The profile file parser (format: README.md, "Elevator"). Pure code.
#include "profile.h"

#include <charconv>
#include <cstring>

namespace elevator {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Splits off the first whitespace-separated word of s.
std::string_view next_word(std::string_view& s) {
  s = trim(s);
  size_t end = 0;
  while (end < s.size() && !is_space(s[end])) ++end;
  std::string_view word = s.substr(0, end);
  s = trim(s.substr(end));
  return word;
}

// A non-negative decimal with at most `decimals` digits after the point,
// scaled by 10^decimals ("1.5", 3 -> 1500). False if s is not such a number
// or exceeds `max_scaled`.
bool parse_fixed(std::string_view s, int decimals, int64_t max_scaled, int64_t& out) {
  if (s.empty()) return false;
  int64_t whole = 0, frac = 0;
  size_t dot = s.find('.');
  std::string_view w = s.substr(0, dot);
  std::string_view f = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (w.empty() && f.empty()) return false;
  if (dot != std::string_view::npos && f.empty()) return false;  // "2."
  if (f.size() > static_cast<size_t>(decimals)) return false;
  for (char c : w)
    if (c < '0' || c > '9') return false;
  for (char c : f)
    if (c < '0' || c > '9') return false;
  if (w.size() > 12) return false;
  for (char c : w) whole = whole * 10 + (c - '0');
  for (int i = 0; i < decimals; ++i) frac = frac * 10 + (static_cast<size_t>(i) < f.size() ? f[i] - '0' : 0);
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (whole > max_scaled / scale) return false;
  out = whole * scale + frac;
  return out <= max_scaled;
}

bool parse_int(std::string_view s, int lo, int hi, int& out) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || v < lo || v > hi) return false;
  out = v;
  return true;
}

// Copies a word into a fixed field; false if it does not fit or is empty.
bool copy_word(std::string_view s, char (&field)[kWordSize]) {
  if (s.empty() || s.size() >= kWordSize) return false;
  std::memcpy(field, s.data(), s.size());
  field[s.size()] = 0;
  return true;
}

struct Parser {
  std::string_view filename;
  int line = 0;
  std::string error;
  Profile p;
  // Which keys were seen, and on which line each type was given.
  bool seen_name = false, seen_floors = false, seen_args = false, seen_noun = false,
       seen_weight_unit = false, seen_units_word = false, seen_layout = false,
       seen_max_passengers = false, seen_max_units = false, seen_max_weight = false,
       seen_floor_time = false, seen_load_time = false;
  int type_line[kMaxTypes] = {};
  bool type_units_given[kMaxTypes] = {};

  bool fail(const std::string& what) {
    if (error.empty()) error = std::string(filename) + ":" + std::to_string(line) + ": " + what;
    return false;
  }
  bool once(bool& seen, std::string_view key) {
    if (seen) return fail("duplicate key '" + std::string(key) + "'");
    seen = true;
    return true;
  }

  bool parse_args(std::string_view v) {
    bool have[3] = {};
    for (int i = 0; i < 3; ++i) {
      std::string_view w = next_word(v);
      Arg a;
      if (w == "start") a = Arg::Start;
      else if (w == "dest") a = Arg::Dest;
      else if (w == "type") a = Arg::Type;
      else return fail("args: expected the three words start, dest, type in some order, got '" + std::string(w) + "'");
      if (have[static_cast<int>(a)]) return fail("args: '" + std::string(w) + "' given twice");
      have[static_cast<int>(a)] = true;
      p.args[i] = a;
    }
    if (!v.empty()) return fail("args: more than three words");
    return true;
  }

  bool parse_time(std::string_view v, std::string_view key, int64_t& out) {
    if (!parse_fixed(v, 9, int64_t{3600} * 1000000000, out) || out == 0)
      return fail(std::string(key) + ": expected seconds (a positive number such as 2 or 0.5), got '" + std::string(v) + "'");
    return true;
  }

  // type = NUMBER LETTER WEIGHT [UNITS] NAME...
  bool parse_type(std::string_view v) {
    std::string_view num = next_word(v), letter = next_word(v), weight = next_word(v);
    PassengerType t;
    if (!parse_int(num, 0, kMaxTypeNumber, t.number))
      return fail("type: expected a type number 0-" + std::to_string(kMaxTypeNumber) + ", got '" + std::string(num) + "'");
    std::string tn = "type " + std::to_string(t.number) + ": ";
    if (letter.size() != 1 || !((letter[0] >= 'A' && letter[0] <= 'Z') || (letter[0] >= 'a' && letter[0] <= 'z')))
      return fail(tn + "expected a single letter, got '" + std::string(letter) + "'");
    t.letter = letter[0];
    if (!parse_fixed(weight, 3, Milli{1000000} * kMilli, t.weight) || t.weight == 0)
      return fail(tn + "expected a positive weight (a number such as 100 or 1.5), got '" + std::string(weight) + "'");
    std::string_view rest = v;
    std::string_view maybe_units = next_word(rest);
    bool units_given = false;
    if (!maybe_units.empty() && maybe_units[0] >= '0' && maybe_units[0] <= '9') {
      if (!parse_int(maybe_units, 1, 1000000, t.units))
        return fail(tn + "expected whole capacity units (1 or more), got '" + std::string(maybe_units) + "'");
      units_given = true;
      v = rest;
    }
    if (v.empty()) return fail(tn + "missing a name after the weight");
    if (!copy_word(v, t.name)) return fail(tn + "name longer than " + std::to_string(kWordSize - 1) + " characters");
    for (int i = 0; i < p.type_count; ++i) {
      if (p.types[i].number == t.number) return fail("duplicate type " + std::to_string(t.number) + " (first on line " + std::to_string(type_line[i]) + ")");
      if (p.types[i].letter == t.letter) return fail(tn + "letter " + std::string(1, t.letter) + " already used by type " + std::to_string(p.types[i].number));
    }
    if (p.type_count == kMaxTypes) return fail("more than " + std::to_string(kMaxTypes) + " types");
    type_line[p.type_count] = line;
    type_units_given[p.type_count] = units_given;
    p.types[p.type_count++] = t;
    return true;
  }

  bool parse_line(std::string_view raw) {
    size_t hash = raw.find('#');
    std::string_view s = trim(raw.substr(0, hash));
    if (s.empty()) return true;
    size_t eq = s.find('=');
    if (eq == std::string_view::npos) return fail("expected 'key = value', got '" + std::string(s) + "'");
    std::string_view key = trim(s.substr(0, eq)), v = trim(s.substr(eq + 1));
    if (v.empty()) return fail("'" + std::string(key) + "' has no value");
    if (key == "name") return once(seen_name, key) && (copy_word(v, p.name) || fail("name: too long"));
    if (key == "floors") {
      if (!once(seen_floors, key)) return false;
      if (!parse_int(v, 1, kMaxFloors, p.floors))
        return fail("floors: expected a number of floors 1-" + std::to_string(kMaxFloors) + ", got '" + std::string(v) + "'");
      return true;
    }
    if (key == "args") return once(seen_args, key) && parse_args(v);
    if (key == "noun") return once(seen_noun, key) && (copy_word(v, p.noun) || fail("noun: too long"));
    if (key == "weight_unit") return once(seen_weight_unit, key) && (copy_word(v, p.weight_unit) || fail("weight_unit: too long"));
    if (key == "units_word") return once(seen_units_word, key) && (copy_word(v, p.units_word) || fail("units_word: too long"));
    if (key == "layout") {
      if (!once(seen_layout, key)) return false;
      if (v == "classic") p.layout = Layout::Classic;
      else if (v == "hotel") p.layout = Layout::Hotel;
      else return fail("layout: expected 'classic' or 'hotel', got '" + std::string(v) + "'");
      return true;
    }
    if (key == "max_passengers" || key == "max_units") {
      bool units = key == "max_units";
      if (!once(units ? seen_max_units : seen_max_passengers, key)) return false;
      if (seen_max_units && seen_max_passengers) return fail("give max_passengers or max_units, not both");
      p.capacity_mode = units ? CapacityMode::Units : CapacityMode::Count;
      if (!parse_int(v, 1, 1000000, p.capacity))
        return fail(std::string(key) + ": expected a whole number 1 or more, got '" + std::string(v) + "'");
      return true;
    }
    if (key == "max_weight") {
      if (!once(seen_max_weight, key)) return false;
      if (!parse_fixed(v, 3, Milli{1000000000} * kMilli, p.capacity_weight) || p.capacity_weight == 0)
        return fail("max_weight: expected a positive weight, got '" + std::string(v) + "'");
      return true;
    }
    if (key == "floor_time") return once(seen_floor_time, key) && parse_time(v, key, p.floor_time_ns);
    if (key == "load_time") return once(seen_load_time, key) && parse_time(v, key, p.load_time_ns);
    if (key == "type") return parse_type(v);
    return fail("unknown key '" + std::string(key) + "'");
  }

  bool finish() {
    auto missing = [&](bool seen, const char* key) { return seen || fail(std::string("missing key '") + key + "'"); };
    if (!missing(seen_name, "name") || !missing(seen_floors, "floors") ||
        !missing(seen_max_passengers || seen_max_units, "max_passengers") ||
        !missing(seen_max_weight, "max_weight") || !missing(seen_floor_time, "floor_time") ||
        !missing(seen_load_time, "load_time") || !missing(p.type_count > 0, "type"))
      return false;
    if (p.floors < 2) return fail("floors: a building needs at least 2 floors");
    for (int i = 0; i < p.type_count; ++i) {
      line = type_line[i];
      const PassengerType& t = p.types[i];
      std::string tn = "type " + std::to_string(t.number) + ": ";
      if (p.capacity_mode == CapacityMode::Count && type_units_given[i])
        return fail(tn + "units given but the car counts passengers (max_passengers); use max_units");
      if (t.weight > p.capacity_weight) return fail(tn + "heavier than max_weight: it could never board");
      if (p.capacity_mode == CapacityMode::Units && t.units > p.capacity)
        return fail(tn + "more units than max_units: it could never board");
    }
    return true;
  }
};

}  // namespace

const PassengerType* Profile::type_by_number(int number) const {
  int i = type_index(number);
  return i < 0 ? nullptr : &types[i];
}

int Profile::type_index(int number) const {
  for (int i = 0; i < type_count; ++i)
    if (types[i].number == number) return i;
  return -1;
}

Milli Profile::lightest_weight() const {
  Milli w = 0;
  for (int i = 0; i < type_count; ++i)
    if (i == 0 || types[i].weight < w) w = types[i].weight;
  return w;
}

int Profile::fewest_units() const {
  int u = 0;
  for (int i = 0; i < type_count; ++i)
    if (i == 0 || types[i].units < u) u = types[i].units;
  return u;
}

ProfileResult parse_profile(std::string_view text, std::string_view filename) {
  Parser ps;
  ps.filename = filename;
  bool ok = true;
  while (ok && !text.empty()) {
    size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++ps.line;
    if (raw.find('\0') != std::string_view::npos) ok = ps.fail("a NUL byte: not a text file");
    else ok = ps.parse_line(raw);
  }
  if (ok) {
    if (ps.line == 0) ps.line = 1;
    ok = ps.finish();
  }
  ProfileResult r;
  r.ok = ok;
  if (ok) r.profile = ps.p;
  else r.error = ps.error;
  return r;
}

std::string format_milli(Milli value) {
  std::string s = value < 0 ? "-" : "";
  Milli v = value < 0 ? -value : value;
  s += std::to_string(v / kMilli);
  Milli frac = v % kMilli;
  if (frac != 0) {
    char buf[4] = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
    int n = 3;
    while (n > 0 && buf[n - 1] == '0') buf[--n] = 0;
    s += '.';
    s += buf;
  }
  return s;
}

}  // namespace elevator
