// elevator-top: parsing /proc/elevator (see snapshot.h).
#include "user/elevator-top/snapshot.h"

#include <cctype>
#include <charconv>

namespace eltop {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// A whole-word non-negative integer.
std::optional<int64_t> parse_count(std::string_view s) {
  int64_t v = 0;
  if (s.empty() || s[0] == '-' || s[0] == '+') return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool is_blank(std::string_view s) { return trim(s).empty(); }

/// Splits "Key: value" at the first ": " (or a trailing ':'); nullopt if none.
std::optional<std::pair<std::string_view, std::string_view>> key_value(std::string_view line) {
  size_t c = line.find(':');
  if (c == std::string_view::npos || c == 0) return std::nullopt;
  if (c + 1 < line.size() && line[c + 1] != ' ') return std::nullopt;
  return std::make_pair(line.substr(0, c), trim(line.substr(c + 1)));
}

struct Parser {
  std::vector<std::string_view> lines;
  size_t i = 0;
  Snapshot s;
  ParseError err;

  bool fail(size_t line_index, std::string what) {
    err = {static_cast<int>(line_index + 1), std::move(what)};
    return false;
  }
  bool fail_here(std::string what) { return fail(i, std::move(what)); }
  static std::string quoted(std::string_view line) {
    std::string q(line.substr(0, 60));
    return "'" + q + (line.size() > 60 ? "...'" : "'");
  }

  bool header() {
    bool state = false, floor = false, load = false, status = false;
    for (; i < lines.size() && !is_blank(lines[i]); ++i) {
      auto kv = key_value(lines[i]);
      if (!kv) return fail_here("expected 'Key: value' in the header, got " + quoted(lines[i]));
      auto [key, value] = *kv;
      if (key == "Elevator state") {
        bool word = !value.empty();
        for (char c : value) word = word && (std::isupper(static_cast<unsigned char>(c)) || c == '_');
        if (!word) return fail_here("bad elevator state " + quoted(value));
        s.state = value;
        state = true;
      } else if (key == "Current floor") {
        auto n = parse_count(value);
        if (!n || *n > 1000000) return fail_here("bad current floor " + quoted(value));
        s.floor = static_cast<int>(*n);
        floor = true;
      } else if (key == "Next floor") {
        s.has_next_floor = true;
        if (value != "-") {
          auto n = parse_count(value);
          if (!n || *n > 1000000) return fail_here("bad next floor " + quoted(value));
          s.next_floor = static_cast<int>(*n);
        }
      } else if (key == "Current load") {
        if (value.empty()) return fail_here("empty current load");
        s.load = value;
        load = true;
      } else if (key == "Elevator status") {
        for (auto w : split_words(value)) {
          auto r = parse_rider(w);
          if (!r) return fail_here("bad passenger " + quoted(w) + " in the elevator status");
          s.aboard.push_back(*r);
        }
        status = true;
      } else {
        s.extra.emplace_back(std::string(key), std::string(value));
      }
    }
    if (!state) return fail_here(i == 0 && lines.empty() ? "empty file" : "no 'Elevator state:' line");
    if (!floor) return fail_here("no 'Current floor:' line");
    if (!load) return fail_here("no 'Current load:' line");
    if (!status) return fail_here("no 'Elevator status:' line");
    return true;
  }

  bool floor_line(std::string_view line) {
    FloorLine f;
    if (line.starts_with("[*] ")) f.car_here = true;
    else if (!line.starts_with("[ ] ")) return fail_here("expected '[ ] Floor N: ...', got " + quoted(line));
    auto words = split_words(line.substr(4));
    if (words.size() < 3 || words[0] != "Floor" || !words[1].ends_with(':'))
      return fail_here("expected '[ ] Floor N: ...', got " + quoted(line));
    auto n = parse_count(words[1].substr(0, words[1].size() - 1));
    if (!n || *n < 1) return fail_here("bad floor number in " + quoted(line));
    f.number = static_cast<int>(*n);
    auto count = parse_count(words[2]);
    if (!count) return fail_here("bad waiting count in " + quoted(line));
    f.waiting = *count;
    size_t w = 3;
    for (; w < words.size(); ++w) {
      auto r = parse_rider(words[w]);
      if (!r) break;
      f.shown.push_back(*r);
    }
    if (w < words.size() && words[w] == "...") {
      // "... (N more)"
      std::optional<int64_t> more;
      if (w + 2 < words.size() && words[w + 1].starts_with('(') && words[w + 2] == "more)")
        more = parse_count(words[w + 1].substr(1));
      if (!more) return fail_here("expected '... (N more)' in " + quoted(line));
      f.more = *more;
      w += 3;
    }
    if (w < words.size() && words[w] == "(serviced") {
      std::optional<int64_t> k;
      if (w + 1 < words.size() && words[w + 1].ends_with(')'))
        k = parse_count(words[w + 1].substr(0, words[w + 1].size() - 1));
      if (!k) return fail_here("expected '(serviced N)' in " + quoted(line));
      f.serviced = *k;
      w += 2;
    }
    if (w < words.size()) return fail_here("unexpected " + quoted(words[w]) + " on floor " + std::to_string(f.number));
    if (static_cast<int64_t>(f.shown.size()) + f.more > f.waiting)
      return fail_here("floor " + std::to_string(f.number) + " lists more passengers than its count");
    if (!s.floors.empty() && f.number != s.floors.back().number - 1)
      return fail_here("floor " + std::to_string(f.number) + " after floor " + std::to_string(s.floors.back().number));
    s.floors.push_back(std::move(f));
    return true;
  }

  bool floors() {
    for (; i < lines.size() && is_blank(lines[i]); ++i) {
    }
    if (i == lines.size()) return fail_here("no floor lines");
    for (; i < lines.size() && !is_blank(lines[i]); ++i)
      if (!floor_line(lines[i])) return false;
    if (s.floors.back().number != 1)
      return fail_here("the floors end at floor " + std::to_string(s.floors.back().number) + ", not 1");
    return true;
  }

  bool counts() {
    bool aboard = false, waiting = false, serviced = false;
    for (; i < lines.size() && is_blank(lines[i]); ++i) {
    }
    for (; i < lines.size(); ++i) {
      if (is_blank(lines[i])) continue;
      auto kv = key_value(lines[i]);
      if (!kv) return fail_here("expected 'Number of ...: N', got " + quoted(lines[i]));
      auto [key, value] = *kv;
      if (!key.starts_with("Number of ")) {
        s.extra.emplace_back(std::string(key), std::string(value));
        continue;
      }
      auto n = parse_count(value);
      if (!n) return fail_here("bad number " + quoted(value));
      std::string_view what = key.substr(10);
      if (what.ends_with(" waiting")) {
        s.waiting_count = *n;
        waiting = true;
      } else if (what.ends_with(" serviced")) {
        s.serviced_count = *n;
        serviced = true;
      } else if (!aboard && !what.empty()) {
        s.noun = what;
        s.aboard_count = *n;
        aboard = true;
      } else {
        s.extra.emplace_back(std::string(key), std::string(value));
      }
    }
    if (!aboard) return fail_here("no 'Number of passengers:' line (cut short?)");
    if (!waiting) return fail_here("no 'Number of passengers waiting:' line (cut short?)");
    if (!serviced) return fail_here("no 'Number of passengers serviced:' line (cut short?)");
    return true;
  }
};

}  // namespace

const FloorLine* Snapshot::floor_line(int n) const {
  int top = top_floor();
  if (n < 1 || n > top) return nullptr;
  return &floors[static_cast<size_t>(top - n)];
}

std::string ParseError::message() const {
  return line > 0 ? "line " + std::to_string(line) + ": " + what : what;
}

std::optional<Rider> parse_rider(std::string_view token) {
  size_t k = 0;
  while (k < token.size() && std::isalpha(static_cast<unsigned char>(token[k]))) ++k;
  if (k == 0 || k == token.size() || k > 8) return std::nullopt;
  auto dest = parse_count(token.substr(k));
  if (!dest || *dest < 1 || *dest > 1000000) return std::nullopt;
  return Rider{std::string(token.substr(0, k)), static_cast<int>(*dest)};
}

ParseResult parse_snapshot(std::string_view text) {
  Parser p;
  p.lines = split_lines(text);
  if (p.lines.empty() || text.find('\0') != std::string_view::npos) {
    return {std::nullopt, {0, text.empty() ? "empty file" : "not a text file"}};
  }
  if (!p.header() || !p.floors() || !p.counts()) return {std::nullopt, p.err};
  return {std::move(p.s), {}};
}

}  // namespace eltop
