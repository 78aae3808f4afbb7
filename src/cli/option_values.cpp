#include "sqlite2pg/cli/option_values.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace s2p::cli {
namespace {

// The whole text as a number, or nothing: "10s", "1e" and "" are not numbers.
template <typename T>
std::optional<T> parse_number(const std::string& text) {
  T value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(value)) return std::nullopt;
  }
  return value;
}

template <typename T>
CLI::Validator between(T low, T high, std::string unit) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        const auto value = parse_number<T>(text);
        const auto as_double = parse_number<double>(text);
        if (!as_double) return "'" + text + "' is not " + unit;
        if (!value && std::trunc(*as_double) != *as_double) {
          return "'" + text + "' is not " + unit;
        }
        if (!value || *value < low || *value > high) {
          return "'" + text + "' is out of range: " + number_text(static_cast<double>(low)) +
                 " to " + number_text(static_cast<double>(high));
        }
        return "";
      },
      "");  // no description: the help text says the range in words
}

std::string range_text(double low, double high, double value, const std::string& zero_means) {
  const std::string zero = zero_means.empty() ? "" : " (0: " + zero_means + ")";
  return number_text(low) + " to " + number_text(high) + zero + "; default " + number_text(value);
}

}  // namespace

std::string number_text(double value) { return fmt::format("{}", value); }

CLI::Option* add_seconds(CLI::App* app, const std::string& name, double& value,
                         const std::string& what, double low, double high,
                         const std::string& zero_means) {
  return app->add_option(name, value, what + "\n" + range_text(low, high, value, zero_means))
      ->type_name("SECONDS")
      ->check(between<double>(low, high, "a number of seconds"));
}

CLI::Option* add_count(CLI::App* app, const std::string& name, std::size_t& value,
                       const std::string& value_name, const std::string& what, std::size_t low,
                       std::size_t high) {
  return app
      ->add_option(name, value,
                   what + "\n" +
                       range_text(static_cast<double>(low), static_cast<double>(high),
                                  static_cast<double>(value), ""))
      ->type_name(value_name)
      ->check(between<std::size_t>(low, high, "a whole number"));
}

CLI::Option* add_choice(CLI::App* app, const std::string& name, std::string& value,
                        const std::vector<std::string>& choices, const std::string& what) {
  std::string names;
  for (const auto& c : choices) names += (names.empty() ? "" : "|") + c;
  return app->add_option(name, value, what + "\ndefault " + value)
      ->type_name(names)
      ->check(CLI::Validator(
          [=](std::string& text) -> std::string {
            for (const auto& c : choices) {
              if (text == c) return "";
            }
            return "'" + text + "' is not one of " + names;
          },
          ""));
}

}  // namespace s2p::cli
