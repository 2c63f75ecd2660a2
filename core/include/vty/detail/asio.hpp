// Asio as vty's public headers include it, configured as vty's libraries were built.
#pragma once

// Asio picks aligned_alloc or operator new from _GLIBCXX_HAVE_ALIGNED_ALLOC, which exists only
// once a standard header was included (asio issue 1082): vty's libraries were built with the
// standard library first, and so is every file that includes vty before Asio.
#include <cstddef>

// Asio 1.22 turns co_await on for clang only with <experimental/coroutine>, absent from
// libstdc++; clang 14 has <coroutine>, which Asio then uses as with GCC. Nothing else in Asio
// depends on this macro, and it must come before Asio's configuration (ASIO_DETAIL_CONFIG_HPP).
#if defined(__clang__) && defined(__GLIBCXX__) && defined(__cpp_impl_coroutine) && \
    !defined(ASIO_DETAIL_CONFIG_HPP) && !defined(ASIO_HAS_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#endif

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#if defined(_GLIBCXX_HAVE_ALIGNED_ALLOC) && !defined(ASIO_HAS_STD_ALIGNED_ALLOC)
#error \
    "vty: Asio was configured before any standard header in this file (or with \
ASIO_DISABLE_STD_ALIGNED_ALLOC), so its memory comes from operator new here and from \
aligned_alloc in vty's libraries, and would be freed by the wrong function (asio issue 1082). \
Include <vty/vty.hpp> or a standard header such as <cstddef> before any Asio header."
#endif
#if !defined(ASIO_HAS_CO_AWAIT)
#error \
    "vty: Asio was configured without co_await in this file (clang 14 with libstdc++ needs \
<vty/vty.hpp> included before any Asio header, or ASIO_HAS_CO_AWAIT=1 defined)."
#endif
