#include "fleet.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/io_context.hpp>
#include <asio/redirect_error.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <csignal>

#include "textfsm_json.hpp"

namespace vty::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Worth another attempt: the device may come back (refused, unreachable, slow to connect).
// Host-key and authentication failures would fail the same way again.
bool retryable(const DriverException& error) {
  if (dynamic_cast<const HostKeyError*>(&error)) return false;
  return dynamic_cast<const ConnectionError*>(&error) || dynamic_cast<const SocketTimeout*>(&error);
}

asio::awaitable<Connection> connect_with_retries(const FleetJob& job, const Options& given,
                                                 HostResult& host) {
  auto executor = co_await asio::this_coro::executor;
  auto backoff = job.retry_backoff;
  Options options = given;
  for (;;) {
    ++host.attempts;
    try {
      // platform = "auto" is the driver's: it detects the platform before it opens.
      co_return co_await connect(executor, options);
    } catch (const DriverException& error) {
      if (host.attempts > job.retries || !retryable(error)) throw;
    }
    asio::steady_timer pause(executor, backoff);
    co_await pause.async_wait(asio::use_awaitable);
    backoff *= 2;
  }
}

// Copies the responses into the host's results; with --parse, each show command's result
// that did not fail is parsed first, with the platform the session ran.
void append(const FleetJob& job, std::string_view platform, const MultiResponse& responses,
            HostResult& host, bool configuration = false) {
  for (const auto& r : responses) {
    CommandResult result;
    if (job.parse_textfsm && !configuration && !r.failed) {
      try {
        result.parsed_json = textfsm_parse_json(job.textfsm_path, platform, r);
      } catch (const DriverException& e) {
        result.parse_error = e.what();
      }
    }
    result.command = r.command;
    result.result = r.result;
    result.failed = r.failed;
    result.elapsed_s = r.elapsed().count();
    host.results.push_back(std::move(result));
  }
}

// What to send to host `index`, which runs `platform` (known once connected: "auto" is
// detected then).
std::vector<std::string> commands_for(const FleetJob& job, std::size_t index,
                                      const std::string& platform) {
  if (!job.by_platform.empty() && job.by_platform[index]) {
    if (auto found = job.platform_commands.find(platform); found != job.platform_commands.end()) {
      std::vector<std::string> joined = job.commands;
      joined.insert(joined.end(), found->second.begin(), found->second.end());
      return joined;
    }
  }
  return job.host_commands.empty() ? job.commands : job.host_commands[index];
}

asio::awaitable<void> run_host(const FleetJob& job, std::size_t index, HostResult& host) {
  auto started = SteadyClock::now();
  const Options& options = job.hosts[index];
  host.address = options.host;
  host.port = options.port;
  host.platform = options.platform;
  bool configuring = false;
  try {
    auto conn = co_await connect_with_retries(job, options, host);
    host.platform = conn->platform().name;  // the detected one for "auto"
    if (conn->detection()) host.detected_platform = conn->detection()->platform;
    if (!job.configs.empty()) {
      configuring = true;
      MultiResponse responses = co_await conn->send_configs(job.configs);
      append(job, host.platform, responses, host, true);
      configuring = false;
    }
    const auto commands = commands_for(job, index, host.platform);
    // One at a time, each result kept as it comes: a run stopped by a signal (which
    // cancels the session, not a vty error with partial results) keeps them too. With
    // --privilege, at that level: commands, never a configuration session's commit.
    CommandOptions at_level;
    at_level.privilege = job.privilege;
    for (const auto& command : commands) {
      MultiResponse one;
      one.push_back(co_await conn->send_command(command, at_level));
      append(job, host.platform, one, host);
    }
    co_await conn->close();
    host.ok = true;
    for (const auto& r : host.results) host.ok = host.ok && !r.failed;
  } catch (const DriverException& e) {
    // What the batch finished before the error is the user's, as much as the error is.
    append(job, host.platform, e.partial(), host, configuring);
    host.error_type = e.type_name();
    host.error_message = e.what();
  } catch (const std::exception& e) {
    host.error_type = "std::exception";
    host.error_message = e.what();
  }
  host.elapsed_s = std::chrono::duration<double>(SteadyClock::now() - started).count();
}

// The shared state of one run: the workers, the ticker and the SIGINT handler.
struct Run {
  Run(const FleetJob& job, FleetObserver* observer)
      : job(job), observer(observer), signals(io), stop(io), ticks(io) {
    outcome.results.resize(job.hosts.size());
    for (std::size_t i = 0; i < job.hosts.size(); ++i) outcome.results[i].host = job.names[i];
    stop.expires_at(asio::steady_timer::time_point::max());
  }

  asio::awaitable<void> worker() {
    using namespace asio::experimental;
    auto executor = co_await asio::this_coro::executor;
    while (!outcome.interrupted && next < job.hosts.size()) {
      std::size_t i = next++;
      HostResult& host = outcome.results[i];
      if (observer) observer->started(i);
      // Whichever ends first: the host, or the stop signal (which then cancels the host's
      // operation and waits for its coroutine to unwind and abort the session).
      auto [order, host_error, stop_error] =
          co_await make_parallel_group(asio::co_spawn(executor, run_host(job, i, host), deferred),
                                       stop.async_wait(deferred))
              .async_wait(wait_for_one(), asio::use_awaitable);
      host.finished = order[0] == 0 && !host_error;
      if (host.finished && observer) observer->finished(i, host);
      if (!host.finished) {
        // What it finished before the stop is kept; the error says why the rest is missing.
        host.stopped = true;
        host.ok = false;
        host.error_type = "interrupted";
        host.error_message = std::string("the run was stopped (") +
                             (outcome.stop_signal == SIGTERM ? "SIGTERM" : "SIGINT") +
                             ") before this host finished";
      }
    }
    if (--active_workers == 0) {
      asio::error_code ignored;
      signals.cancel(ignored);
      ticks.cancel();
    }
  }

  asio::awaitable<void> ticker() {
    while (active_workers > 0) {
      ticks.expires_after(std::chrono::milliseconds(250));
      asio::error_code ignored;
      co_await ticks.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      if (observer && active_workers > 0) observer->tick();
    }
  }

  void on_interrupt(const asio::error_code& error, int signal) {
    if (error) return;
    outcome.interrupted = true;
    outcome.stop_signal = signal;
    stop.cancel();
    // The default actions again: a second Ctrl-C (or SIGTERM) ends the process at once.
    asio::error_code ignored;
    signals.clear(ignored);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (observer) observer->interrupted(signal);
  }

  const FleetJob& job;
  FleetObserver* observer;
  asio::io_context io{1};
  asio::signal_set signals;
  asio::steady_timer stop;
  asio::steady_timer ticks;
  FleetOutcome outcome;
  std::size_t next = 0;
  std::size_t active_workers = 0;
};

}  // namespace

FleetOutcome run_fleet(const FleetJob& job, FleetObserver* observer) {
  Run run(job, observer);
  std::size_t workers = std::min<std::size_t>(std::max(job.concurrency, 1), job.hosts.size());
  if (workers == 0) return std::move(run.outcome);
  if (job.stop_on_signals) {
    // SIGTERM is what Kubernetes, Slurm and timeout(1) send: the same clean stop as Ctrl-C.
    run.signals.add(SIGINT);
    run.signals.add(SIGTERM);
    run.signals.async_wait(
        [&run](const asio::error_code& error, int signal) { run.on_interrupt(error, signal); });
  }
  run.active_workers = workers;
  for (std::size_t w = 0; w < workers; ++w) asio::co_spawn(run.io, run.worker(), asio::detached);
  if (observer) asio::co_spawn(run.io, run.ticker(), asio::detached);
  run.io.run();
  return std::move(run.outcome);
}

}  // namespace vty::cli
