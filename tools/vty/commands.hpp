// The `vty` program's subcommands.
#pragma once

namespace vty::cli {

constexpr int exit_usage = 64;

int run_command(int argc, char** argv);        // vty run HOST... -c CMD ...
int demo_command(int argc, char** argv);       // vty demo
int platforms_command(int argc, char** argv);  // vty platforms list|show|check
int parse_command(int argc, char** argv);      // vty parse --textfsm TEMPLATE [FILE]
int recording_command(int argc, char** argv);
int config_command(int argc, char** argv);  // vty config get|diff|load|commit|abort|rollback  //
                                            // vty recording redact FILE --pattern REGEX

}  // namespace vty::cli
