// Asio used the program's own way, beside vty on one io_context (own_asio.cpp).
#pragma once

#include <string>

#include <asio/io_context.hpp>

// Starts `rounds` TCP echo exchanges on loopback, one after another, each read until
// asio::error::eof (completion handlers, no coroutine); adds one line to `report` when all
// are done, and "own asio: FAILED ..." on the first failure.
void spawn_own_echoes(asio::io_context& context, int rounds, std::string& report);
