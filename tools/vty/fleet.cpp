#include "fleet.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <ostream>

#include "json.hpp"

namespace vty::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

asio::awaitable<HostResult> run_host(std::string name, Options options,
                                     const std::vector<std::string>& commands) {
  HostResult host;
  host.host = std::move(name);
  auto started = SteadyClock::now();
  try {
    auto executor = co_await asio::this_coro::executor;
    auto conn = co_await connect(executor, options);
    MultiResponse responses = co_await conn->send_commands(commands);
    for (auto& r : responses) {
      host.results.push_back({r.command, std::move(r.result), r.failed, r.elapsed().count()});
    }
    co_await conn->close();
    host.ok = !responses.failed();
  } catch (const DriverException& e) {
    host.error_type = e.type_name();
    host.error_message = e.what();
  } catch (const std::exception& e) {
    host.error_type = "std::exception";
    host.error_message = e.what();
  }
  host.elapsed_s = std::chrono::duration<double>(SteadyClock::now() - started).count();
  co_return host;
}

}  // namespace

std::vector<HostResult> run_fleet(const FleetJob& job,
                                  const std::function<void(const HostResult&)>& on_done) {
  asio::io_context io(1);
  std::vector<HostResult> results(job.hosts.size());
  std::size_t next = 0;
  // A fixed pool of workers, each taking the next host, bounds the sessions open at once.
  auto worker = [&]() -> asio::awaitable<void> {
    while (next < job.hosts.size()) {
      std::size_t i = next++;
      results[i] = co_await run_host(job.names[i], job.hosts[i], job.commands);
      if (on_done) on_done(results[i]);
    }
  };
  std::size_t workers = std::min<std::size_t>(std::max(job.concurrency, 1), job.hosts.size());
  for (std::size_t w = 0; w < workers; ++w) asio::co_spawn(io, worker(), asio::detached);
  io.run();
  return results;
}

void print_text(std::ostream& out, const std::vector<HostResult>& results) {
  char timing[64];
  for (const auto& host : results) {
    std::snprintf(timing, sizeof timing, "%.3fs", host.elapsed_s);
    out << "=== " << host.host << "  " << (host.ok ? "ok" : "FAILED") << "  " << timing << "\n";
    if (!host.error_type.empty()) out << host.error_message << "\n";
    for (const auto& r : host.results) {
      std::snprintf(timing, sizeof timing, "%.3fs", r.elapsed_s);
      out << "--- " << r.command << "  (" << timing << (r.failed ? ", failed" : "") << ")\n"
          << r.result << "\n";
    }
  }
}

void print_json(std::ostream& out, const std::vector<HostResult>& results) {
  out << "[";
  for (std::size_t h = 0; h < results.size(); ++h) {
    const auto& host = results[h];
    out << (h ? ",\n " : "\n ") << "{\"host\":" << json_string(host.host)
        << ",\"ok\":" << (host.ok ? "true" : "false") << ",\"elapsed_s\":" << host.elapsed_s
        << ",\"results\":[";
    for (std::size_t i = 0; i < host.results.size(); ++i) {
      const auto& r = host.results[i];
      out << (i ? "," : "") << "{\"command\":" << json_string(r.command)
          << ",\"result\":" << json_string(r.result)
          << ",\"failed\":" << (r.failed ? "true" : "false") << ",\"elapsed_s\":" << r.elapsed_s
          << "}";
    }
    out << "],\"error\":";
    if (host.error_type.empty()) {
      out << "null";
    } else {
      out << "{\"type\":" << json_string(host.error_type)
          << ",\"message\":" << json_string(host.error_message) << "}";
    }
    out << "}";
  }
  out << "\n]\n";
}

int exit_code(const std::vector<HostResult>& results) {
  int code = 0;
  for (const auto& host : results) {
    if (!host.error_type.empty()) return 2;
    if (!host.ok) code = 1;
  }
  return code;
}

}  // namespace vty::cli
