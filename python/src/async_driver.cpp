// vty._AsyncDriver: vty::AsyncDriver on the process's event loop thread, each verb an
// asyncio future; cancelling the future cancels the verb (vty/_async.py wraps it).
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/post.hpp>

#include <future>
#include <memory>
#include <string>

#include <vty/async_driver.hpp>

#include "bindings.hpp"
#include "event_loop.hpp"

namespace vty::python {
namespace {

struct Nothing {};  // what a void verb completes with: None

// One verb's cancellation: the signal its co_spawn listens to, and whether it still runs.
// Touched only on the loop's thread.
struct Cancellation {
  asio::cancellation_signal signal;
  bool done = false;
};

template <class T, class Op>
asio::awaitable<T> run_verb(std::shared_ptr<AsyncDriver> driver, Op op) {
  if constexpr (std::is_same_v<T, Nothing>) {
    co_await op(*driver);
    co_return Nothing{};
  } else {
    co_return co_await op(*driver);
  }
}

class AsyncSession {
 public:
  explicit AsyncSession(Options options)
      : executor_(EventLoop::instance().executor()),
        driver_(std::make_shared<AsyncDriver>(executor_, std::move(options))) {}
  // The driver is the loop's: it is destroyed there (aborting a session still open).
  ~AsyncSession() {
    asio::post(executor_, [driver = std::move(driver_)]() mutable { driver.reset(); });
  }
  AsyncSession(const AsyncSession&) = delete;
  AsyncSession& operator=(const AsyncSession&) = delete;

  /// Starts `op(driver)` (an awaitable of T) on the loop; returns the asyncio future of its
  /// result. Call with the GIL held, from a coroutine of a running asyncio loop.
  template <class T, class Op>
  py::object start(Op op) {
    auto pending = std::make_shared<PendingFuture>();
    auto cancellation = std::make_shared<Cancellation>();
    py::object future = pending->future();
    future.attr("add_done_callback")(
        py::cpp_function([cancellation, executor = executor_](const py::object& done) {
          if (!done.attr("cancelled")().cast<bool>()) return;
          asio::post(executor, [cancellation] {
            if (!cancellation->done) cancellation->signal.emit(asio::cancellation_type::terminal);
          });
        }));
    asio::post(executor_, [executor = executor_, driver = driver_, op = std::move(op), pending,
                           cancellation]() mutable {
      auto finished = [pending, cancellation](std::exception_ptr error, T value) {
        cancellation->done = true;
        if (error) return pending->reject(error);
        pending->resolve([&]() -> py::object {
          if constexpr (std::is_same_v<T, Nothing>) {
            return py::none();
          } else {
            return py::cast(std::move(value));
          }
        });
      };
      asio::co_spawn(
          executor, run_verb<T>(std::move(driver), std::move(op)),
          asio::bind_cancellation_slot(cancellation->signal.slot(), std::move(finished)));
    });
    return future;
  }

  /// Runs `f(driver)` on the loop and waits for it, with the GIL released: for the state the
  /// loop's thread owns.
  template <class F>
  auto query(F f) {
    using R = decltype(f(std::declval<AsyncDriver&>()));
    std::packaged_task<R()> task([driver = driver_, &f] { return f(*driver); });
    auto result = task.get_future();
    asio::post(executor_, [&task] { task(); });
    py::gil_scoped_release nogil;
    return result.get();
  }

 private:
  asio::any_io_executor executor_;
  std::shared_ptr<AsyncDriver> driver_;
};

// A verb of the shape `send_command(input, CommandOptions)`, started on the loop.
template <class T, auto verb, class Input>
auto command_verb() {
  return [](AsyncSession& s, Input input, CallOptions o) {
    return s.start<T>([input = std::move(input), o](AsyncDriver& d) mutable {
      return (d.*verb)(std::move(input), o.command_options());
    });
  };
}

}  // namespace

void bind_async_driver(py::module_& m) {
  using py::arg;
  using S = AsyncSession;
  py::class_<S>(m, "_AsyncDriver")
      .def(py::init([](const py::kwargs& kwargs) {
        return std::make_unique<S>(options_from_kwargs(kwargs));
      }))
      .def("open", [](S& s) { return s.start<Nothing>([](AsyncDriver& d) { return d.open(); }); })
      .def("close", [](S& s) { return s.start<Nothing>([](AsyncDriver& d) { return d.close(); }); })
      .def("reopen",
           [](S& s) { return s.start<Nothing>([](AsyncDriver& d) { return d.reopen(); }); })
      .def("abort", [](S& s) { s.query([](AsyncDriver& d) { d.abort(); }); })
      .def_property_readonly(
          "is_open", [](S& s) { return s.query([](AsyncDriver& d) { return d.is_open(); }); })
      .def_property_readonly(
          "is_alive", [](S& s) { return s.query([](AsyncDriver& d) { return d.is_alive(); }); })
      .def_property_readonly(
          "in_sync", [](S& s) { return s.query([](AsyncDriver& d) { return d.in_sync(); }); })
      .def_property_readonly(
          "current_privilege",
          [](S& s) { return s.query([](AsyncDriver& d) { return d.current_privilege(); }); })
      .def_property_readonly(
          "platform",
          [](S& s) { return s.query([](AsyncDriver& d) { return d.platform().name; }); })
      .def("get_prompt",
           [](S& s) { return s.start<std::string>([](AsyncDriver& d) { return d.get_prompt(); }); })
      .def(
          "acquire_priv",
          [](S& s, std::string level) {
            return s.start<Nothing>(
                [level](AsyncDriver& d) mutable { return d.acquire_priv(std::move(level)); });
          },
          arg("level"))
      .def("send_command", command_verb<Response, &AsyncDriver::send_command, std::string>(),
           arg("command"), py::kw_only(), arg("options"))
      .def("send_commands",
           command_verb<MultiResponse, &AsyncDriver::send_commands, std::vector<std::string>>(),
           arg("commands"), py::kw_only(), arg("options"))
      .def("send_commands_from_file",
           command_verb<MultiResponse, &AsyncDriver::send_commands_from_file,
                        std::filesystem::path>(),
           arg("file"), py::kw_only(), arg("options"))
      .def("send_configs",
           command_verb<MultiResponse, &AsyncDriver::send_configs, std::vector<std::string>>(),
           arg("configs"), py::kw_only(), arg("options"))
      .def("send_config", command_verb<Response, &AsyncDriver::send_config, std::string>(),
           arg("config"), py::kw_only(), arg("options"))
      .def("send_configs_from_file",
           command_verb<MultiResponse, &AsyncDriver::send_configs_from_file,
                        std::filesystem::path>(),
           arg("file"), py::kw_only(), arg("options"))
      .def(
          "send_interactive",
          [](S& s, const py::iterable& events, CallOptions o) {
            auto script = std::make_shared<InteractiveScript>(events);
            return s.start<Response>([script, o](AsyncDriver& d) {
              return d.send_interactive(script->events, o.command_options());
            });
          },
          arg("events"), py::kw_only(), arg("options"))
      .def(
          "send_and_read",
          [](S& s, std::string input, ReadCall o) {
            return s.start<Response>([input, o](AsyncDriver& d) mutable {
              return d.send_and_read(std::move(input), o.read_options());
            });
          },
          arg("input"), py::kw_only(), arg("options"));
}

}  // namespace vty::python
