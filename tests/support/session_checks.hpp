// Small checks on sessions and their text that several real-peer tests share.
#pragma once

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

#include <vty/vty.hpp>

#include "support/async.hpp"

namespace vty::test {

// What opening a session with `options` throws, as "vty::Type: what()" ("" when it opened).
std::string open_error(const Options& options);

// Opens a session with `options`, runs "show version", closes; the command's output.
std::string show_version(const Options& options);

// What opening a session with `options` throws, when it is an `Error`; fails the test when
// the session opens or another error is thrown.
template <typename Error>
Error open_fails_with(const Options& options) {
  try {
    run_async([&](asio::any_io_executor ex) -> asio::awaitable<void> {
      co_await vty::connect(ex, options);
    });
  } catch (const Error& e) {
    return e;
  }
  FAIL("open did not fail with the expected error");
  throw std::logic_error("unreachable");
}

// `text` with "\r" dropped, trailing blanks cut from each line, and leading and trailing
// empty lines dropped: two captures of the same answer compare equal.
std::string normalised(std::string_view text);

}  // namespace vty::test
