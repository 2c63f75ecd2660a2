// The asio event loop that runs every vty.AsyncDriver of the process, on a thread of its
// own, and the bridge from its completions to asyncio futures.
#pragma once

#include <vty/detail/asio.hpp>

#include <asio/io_context.hpp>

#include <thread>

#include "bindings.hpp"

namespace vty::python {

class EventLoop {
 public:
  /// The process's loop, started on first use; stopped at interpreter exit (atexit).
  static EventLoop& instance();
  asio::any_io_executor executor() { return io_.get_executor(); }
  /// Stops the loop and joins its thread (releasing the GIL meanwhile). Idempotent.
  void stop();

 private:
  EventLoop();
  asio::io_context io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  std::thread thread_;
};

/// One asyncio future waiting for one operation on the loop's thread. Made with the GIL
/// held, in the asyncio thread; resolve()/reject() run on the loop's thread.
class PendingFuture {
 public:
  PendingFuture();  ///< a future of the running asyncio loop (RuntimeError when none runs)
  ~PendingFuture();
  PendingFuture(const PendingFuture&) = delete;
  PendingFuture& operator=(const PendingFuture&) = delete;

  py::object future() const { return py::reinterpret_borrow<py::object>(future_); }
  /// Hands the result (made into a Python object by `make`, with the GIL held) to the future
  /// through loop.call_soon_threadsafe. Once only.
  template <class Make>
  void resolve(Make&& make) {
    py::gil_scoped_acquire gil;
    try {
      deliver(false, make());
    } catch (...) {  // the result could not be made: the future gets the error instead
      deliver_error(std::current_exception());
    }
    release();
  }
  void reject(std::exception_ptr error);

 private:
  void deliver_error(std::exception_ptr error) noexcept;
  void deliver(bool failed, const py::object& value);
  void release();  // drops the references; GIL held
  PyObject* loop_ = nullptr;
  PyObject* future_ = nullptr;
};

}  // namespace vty::python
