// The verbs that go beyond "command in, output out": interactive dialogues, reading for a
// while, and the from-file variants of every verb.
#include <fstream>
#include <optional>
#include <sstream>

#include "driver_state.hpp"

namespace vty {
namespace {

// A pattern for a last line that contains `text` anywhere.
std::string contains_pattern(std::string_view text) {
  std::string pattern = "^.*?";
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) pattern += '\\';
    pattern += c;
  }
  return pattern + ".*$";
}

std::string read_file(const std::filesystem::path& file, std::string_view operation) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UsageError("cannot read " + file.string(),
                     {.operation = std::string(operation), .command = file.string()});
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Non-empty lines, without their line ends.
std::vector<std::string> read_lines(const std::filesystem::path& file, std::string_view operation) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(file, operation));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

asio::awaitable<Response> AsyncDriver::send_interactive(std::vector<InteractiveEvent> events,
                                                        CommandOptions options) {
  auto& s = *state_;
  auto lock = co_await s.begin("send_interactive", true, options.privilege);

  std::string command;
  for (const auto& event : events) {
    if (!command.empty()) command += ", ";
    command += event.hidden ? "<hidden>" : event.input;
  }
  Response response = s.begin_response(std::move(command));
  Channel::Reply reply;
  for (const auto& event : events) {
    std::optional<Regex> until;
    if (!event.expect.empty()) until.emplace(contains_pattern(event.expect));
    if (&event != &events.front()) s.add_step(response, std::move(reply));
    reply = co_await s.exchange({.operation = "send_interactive",
                                 .input = event.input,
                                 .timeout = s.timeout(options),
                                 .until = until ? &*until : nullptr,
                                 .hidden = event.hidden});
  }
  bool at_prompt = s.graph.level_of(reply.prompt) != nullptr;
  if (at_prompt) s.update_level(reply.prompt, "send_interactive");
  s.finish_response(response, std::move(reply), !at_prompt || !options.strip_prompt);
  co_return response;
}

asio::awaitable<Response> AsyncDriver::send_and_read(std::string input, ReadOptions options) {
  auto& s = *state_;
  auto lock = co_await s.begin("send_and_read", true, options.privilege);

  Response response = s.begin_response(input);
  std::optional<Regex> until;
  if (!options.until.empty()) until.emplace(options.until);
  auto reply = co_await s.exchange(
      {.operation = "send_and_read",
       .input = input,
       .timeout = until ? options.timeout.value_or(s.options.timeout_ops) : options.duration,
       .until = until ? &*until : nullptr,
       .timed = !until});
  const bool at_level = reply.complete && s.graph.level_of(reply.prompt);
  const bool keep_prompt = reply.complete && !at_level;  // a pattern's line, not a prompt
  if (at_level) s.update_level(reply.prompt, "send_and_read");
  s.finish_response(response, std::move(reply), keep_prompt);
  co_return response;
}

asio::awaitable<MultiResponse> AsyncDriver::send_commands_from_file(std::filesystem::path file,
                                                                    CommandOptions options) {
  co_return co_await send_commands(read_lines(file, "send_commands_from_file"), options);
}

asio::awaitable<MultiResponse> AsyncDriver::send_configs_from_file(std::filesystem::path file,
                                                                   CommandOptions options) {
  co_return co_await send_configs(read_lines(file, "send_configs_from_file"), options);
}

// One event a line: INPUT, or INPUT<TAB>EXPECT, or INPUT<TAB>EXPECT<TAB>hidden.
asio::awaitable<Response> AsyncDriver::send_interactive_from_file(std::filesystem::path file,
                                                                  CommandOptions options) {
  // The events view into `fields`, which lives as long as this frame.
  std::vector<std::string> fields;
  std::vector<std::size_t> counts;
  std::istringstream in(read_file(file, "send_interactive_from_file"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream parts(line);
    std::size_t count = 0;
    for (std::string field; count < 3 && std::getline(parts, field, '\t'); ++count)
      fields.push_back(std::move(field));
    if (count == 0) fields.emplace_back(), count = 1;  // an empty line: just a return
    counts.push_back(count);
  }
  std::vector<InteractiveEvent> events;
  std::size_t at = 0;
  for (std::size_t count : counts) {
    InteractiveEvent event{.input = fields[at]};
    if (count > 1) event.expect = fields[at + 1];
    if (count > 2) event.hidden = fields[at + 2] == "hidden";
    events.push_back(event);
    at += count;
  }
  co_return co_await send_interactive(std::move(events), options);
}

asio::awaitable<Response> AsyncDriver::send_and_read_from_file(std::filesystem::path file,
                                                               ReadOptions options) {
  std::string input = read_file(file, "send_and_read_from_file");
  while (!input.empty() && (input.back() == '\n' || input.back() == '\r')) input.pop_back();
  co_return co_await send_and_read(std::move(input), options);
}

}  // namespace vty
