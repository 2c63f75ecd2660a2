#include "event_loop.hpp"

#include <cstdio>

namespace vty::python {
namespace {

// asyncio's side of the bridge: set the result unless the task was cancelled meanwhile.
py::object& settle_function() {
  static auto* settle =
      new py::object(py::cpp_function([](py::object future, bool failed, py::object value) {
        if (future.attr("done")().cast<bool>()) return;
        future.attr(failed ? "set_exception" : "set_result")(value);
      }));
  return *settle;
}

}  // namespace

EventLoop::EventLoop() {
  thread_ = std::thread([this] {
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {  // a handler's bug must not end every session
        std::fprintf(stderr, "vty: the event loop's thread caught: %s\n", e.what());
      }
    }
  });
}

EventLoop& EventLoop::instance() {
  // Never destroyed: handlers still queued at exit hold Python references, which must not be
  // dropped once the interpreter is gone.
  static EventLoop* loop = [] {
    auto* created = new EventLoop();
    settle_function();
    py::module_::import("atexit").attr("register")(
        py::cpp_function([created] { created->stop(); }));
    return created;
  }();
  return *loop;
}

void EventLoop::stop() {
  if (!thread_.joinable()) return;
  work_.reset();
  io_.stop();
  py::gil_scoped_release nogil;  // the loop's thread may be waiting for the GIL
  thread_.join();
}

PendingFuture::PendingFuture() {
  static auto* running_loop =
      new py::object(py::module_::import("asyncio").attr("get_running_loop"));
  py::object loop = (*running_loop)();
  py::object future = loop.attr("create_future")();
  loop_ = loop.release().ptr();
  future_ = future.release().ptr();
}

PendingFuture::~PendingFuture() {
  if (future_ == nullptr || !Py_IsInitialized()) return;
  py::gil_scoped_acquire gil;
  release();
}

void PendingFuture::reject(std::exception_ptr error) {
  py::gil_scoped_acquire gil;
  deliver_error(error);
  release();
}

void PendingFuture::deliver_error(std::exception_ptr error) noexcept {
  try {
    deliver(true, python_error(error));
  } catch (py::error_already_set& e) {
    e.discard_as_unraisable("vty: completing an asyncio future");
  } catch (...) {  // nothing left to tell the future with
  }
}

void PendingFuture::deliver(bool failed, const py::object& value) {
  if (loop_ == nullptr) return;
  py::handle loop(loop_);
  if (loop.attr("is_closed")().cast<bool>()) return;  // nobody awaits it any more
  loop.attr("call_soon_threadsafe")(settle_function(), py::handle(future_), failed, value);
}

void PendingFuture::release() {
  Py_XDECREF(future_);
  Py_XDECREF(loop_);
  future_ = loop_ = nullptr;
}

}  // namespace vty::python
