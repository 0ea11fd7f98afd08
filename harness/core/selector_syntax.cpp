#include "harness/core/selector_syntax.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>

namespace unbroken {
namespace {

// A cursor over the selector; problem() says what was expected where.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  void skip_spaces() {
    while (!done() && std::isspace(static_cast<unsigned char>(peek()))) ++at_;
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }
  std::string problem(const std::string& expected) const {
    return done() ? fmt::format("{} expected at the end", expected)
                  : fmt::format("{} expected at character {} ('{}')", expected, at_ + 1, peek());
  }

  // [a-zA-Z_:][a-zA-Z0-9_:]* (metric) or [a-zA-Z_][a-zA-Z0-9_]* (label).
  bool name(bool colons) {
    const auto first = peek();
    if (!(std::isalpha(static_cast<unsigned char>(first)) || first == '_' ||
          (colons && first == ':')))
      return false;
    while (!done()) {
      const auto c = peek();
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (colons && c == ':'))) break;
      ++at_;
    }
    return true;
  }
  bool op() {
    if (take('=')) {
      take('~');
      return true;
    }
    if (peek() == '!') {
      ++at_;
      return take('=') || take('~');
    }
    return false;
  }
  // A quoted string; nullopt when it does not close.
  std::optional<bool> string() {
    const auto quote = peek();
    if (quote != '"' && quote != '\'' && quote != '`') return false;
    ++at_;
    while (!done()) {
      const auto c = text_[at_++];
      if (c == '\\' && quote != '`') {
        if (done()) return std::nullopt;
        ++at_;
      } else if (c == quote) {
        return true;
      }
    }
    return std::nullopt;
  }

  // "{" matchers "}": "" or the problem.
  std::string matchers() {
    if (!take('{')) return problem("'{'");
    skip_spaces();
    while (!take('}')) {
      if (!name(false)) return problem("a label name");
      skip_spaces();
      if (!op()) return problem("=, !=, =~ or !~");
      skip_spaces();
      const auto quoted = string();
      if (!quoted) return "a quoted value does not close";
      if (!*quoted) return problem("a quoted value");
      skip_spaces();
      if (take(',')) {
        skip_spaces();
        continue;
      }
      if (!take('}')) return problem("',' or '}'");
      break;
    }
    return "";
  }

  // The rest: quotes close and brackets balance.
  std::string balanced_rest() {
    std::string open;
    while (!done()) {
      const auto c = peek();
      if (c == '"' || c == '\'' || c == '`') {
        if (!string()) return "a quoted value does not close";
        continue;
      }
      ++at_;
      if (c == '(' || c == '[' || c == '{') open.push_back(c);
      if (c == ')' || c == ']' || c == '}') {
        const char wanted = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (open.empty() || open.back() != wanted)
          return fmt::format("'{}' at character {} closes nothing open", c, at_);
        open.pop_back();
      }
    }
    return open.empty() ? "" : fmt::format("'{}' is never closed", open.back());
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

std::string promql_selector_problem(std::string_view text) {
  Reader r(text);
  r.skip_spaces();
  const bool named = r.name(true);
  r.skip_spaces();
  if (!named && r.peek() != '{') return r.problem("a metric name or '{'");
  if (r.peek() == '{') {
    if (auto problem = r.matchers(); !problem.empty()) return problem;
  }
  r.skip_spaces();
  if (!r.done()) return r.problem("the end of the selector");
  return "";
}

std::string logql_selector_problem(std::string_view text) {
  Reader r(text);
  r.skip_spaces();
  if (auto problem = r.matchers(); !problem.empty()) return problem;
  return r.balanced_rest();
}

}  // namespace unbroken
