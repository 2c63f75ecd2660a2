#include "event_loop.hpp"

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
  thread_ = std::thread([this] { io_.run(); });
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
  settle(true, [&] { return python_error(error); });
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
