// The one translation unit that compiles standalone Asio (ASIO_SEPARATE_COMPILATION).
#include <asio/impl/src.hpp>
