// A vty-sim device model: how one vendor OS behaves at its CLI, as its vendor documents it
// and as public transcripts show it (the modes and their prompts, how modes are entered and
// left, paging, error texts, refused configuration, commit and discard on a candidate
// configuration) and what it answers (canned command outputs, sub-modes, banners). Loaded
// from tools/vty-sim/devices/<name>.toml. vty-sim never reads vty's platform definitions:
// a definition is tested against a model written independently of it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vty-sim/fault.hpp"

namespace vty::sim {

// What a model command does beyond printing its output.
enum class CommandAction {
  kOutput,       // print the output
  kPageLength,   // terminal length N: the page length (0 = no paging)
  kPagingOff,    // turn paging off (screen-length 0 temporary, no page, ...)
  kWidth,        // terminal width N: accepted, no effect
  kLogout,       // end the session
  kCommit,       // commit the candidate configuration
  kDiscard,      // throw the candidate configuration away
  kDo,           // run the rest of the line as the exec mode under config mode would
  kNoTimestamp,  // stop printing the timestamp line before each command's output
  // Configuration management (docs/config.md), on the device's shared ConfigStore:
  kCommitConfirmed,  // commit, rolled back unless confirmed within N minutes (last word)
  kCommitReplace,    // commit the candidate as the whole configuration (IOS XR)
  kCompare,          // print the candidate's difference from the running configuration
  kRollback,         // load rollback N (last word) into the candidate, replacing it
  kClearCandidate,   // empty the candidate: what is committed next replaces everything
  kShowRunning,      // print the running configuration, one line each, between header/footer
  kShowStartup,      // the same for the startup configuration
  kShowCandidate,    // the same for what a commit would make the running configuration
  kShowSession,      // the lines typed in this configuration session, numbered 0001, 0002...
  kSave,             // copy the running configuration to the startup configuration
  // Files and the configuration archive (IOS-XE, NX-OS, EOS), in device_files.cpp:
  kWriteFile,        // tclsh `puts [open "FILE" w+] {`: the lines up to "}" become FILE
  kDeleteFile,       // delete the file named by the last word
  kReplace,          // the named file becomes the running configuration ("time N": confirmed)
  kConfirm,          // confirm a pending confirmed replace or revert timer
  kRevertTimer,      // enter "configuration", rolled back unless confirmed within N minutes
  kArchive,          // save the running configuration in the archive
  kShowArchive,      // list the archive
  kFileDiff,         // the last two words' files compared: "-" lines only in the first
  kIncrementalDiff,  // the lines of the named file the running configuration lacks
};

struct ModelCommand {
  std::string command;               // full words, e.g. "show ip interface brief"
  std::vector<std::string> aliases;  // other spellings that run it, e.g. "sh ip int br"
  // The lowest mode it works at (and every non-config mode under it); a config mode's
  // command works there only. "" = the root mode.
  std::string mode;
  CommandAction action = CommandAction::kOutput;
  bool leave = false;        // commit/discard: then leave the config mode for its parent
  std::string output;        // lines separated by "\n"; "{hostname}" and "{i}" replaced
  int repeat = 1;            // the output is printed this many times ({i} = 1..repeat)
  std::string header;        // printed once before the repeated output
  bool hang = false;         // print the output, then never a prompt again
  std::string footer;        // printed once after the repeated output
  bool show_config = false;  // committed configuration lines go before the footer
  std::string question;      // asked first; the command runs only when answered yes
  std::string unless_word;   // ...except when this word is typed (IOS `configure replace force`)
};

struct ModelSubmode {
  std::string command;  // e.g. "interface <name...>"
  std::string tag;      // replaces the last parenthesised part of the prompt: "config-if"
};

struct ModelMode {
  std::string name;
  std::string prompt;               // "{hostname}#"; "\n" starts a context line above the prompt
  std::string parent;               // "" for the root mode
  std::vector<std::string> enter;   // typed in the parent: enter this mode
  std::vector<std::string> leave;   // back to the parent (config: first out of a sub-mode)
  std::vector<std::string> end;     // config: back to the parent from any sub-mode
  std::vector<std::string> logout;  // end the session
  bool password = false;            // entering asks for the enable password
  std::string password_prompt = "Password: ";
  bool config = false;     // lines typed here are configuration
  bool candidate = false;  // changes wait for a commit (a candidate configuration)
  // Entering takes the device's configuration lock; while another session holds it,
  // entering prints `locked` and stays.
  bool exclusive = false;
  std::string locked;
  std::string banner;          // printed on entering
  std::string changed_prompt;  // the prompt while uncommitted changes wait ("" = `prompt`)
  // Leaving with uncommitted changes: asks this question (answered yes/no/anything else),
  // or refuses with `uncommitted_refusal` and stays.
  std::string uncommitted_question;
  std::string uncommitted_yes = "commit";  // "commit" or "discard", then leave
  std::string uncommitted_no = "discard";  // "discard" (then leave) or "stay"
  std::string uncommitted_refusal;
  // Leaving keeps the uncommitted changes for when the mode is entered again (EOS and NX-OS
  // configuration sessions stay pending until commit or abort).
  bool keeps_changes = false;
};

struct ModelErrors {
  // Printed as they are ("\n" becomes "\r\n"), then the prompt. "{caret}" is blanks and
  // a '^' under the offending column, "{word}" the offending word, "{first}" the first
  // word typed, "{line}" the line typed.
  std::string unknown = "{caret}\n% Invalid input detected at '^' marker.\n\n";
  std::string incomplete = "% Incomplete command.\n\n";
  std::string ambiguous = "% Ambiguous command:  \"{line}\"\n";
  std::string bad_password = "% Bad secrets\n\n";
};

struct ModelConfig {
  std::vector<std::string> refuse;  // patterns (PCRE2) of configuration lines refused as typed
  std::string refused = "{caret}\n% Invalid input detected at '^' marker.\n\n";
  std::vector<std::string> commit_fails;  // patterns of lines accepted but failing the commit
  std::string commit_failed;              // printed by a commit that fails
  std::string commit_empty;               // printed by a commit with nothing to commit
  // How a compare action prints the difference: `diff_header` first (when there is any
  // difference), then one line per removed and added line; "{line}" is the line.
  std::string diff_header;
  std::string diff_removed = "- {line}";
  std::string diff_added = "+ {line}";
  std::string rollback_missing = "error: rollback {n} does not exist\n";
  // The archive: the name of copy "{n}", how many copies it keeps, how show_archive prints
  // a slot ("{slot}", "{name}"), an empty one ("" = not printed) and the newest's suffix,
  // and what a confirmed replace or revert timer prints when it archives ("{name}").
  std::string archive_name = "archive-{n}";
  int archive_maximum = 10;
  std::string archive_entry = "{slot} {name}";
  std::string archive_empty;
  std::string archive_newest;
  std::string archive_backup;
  std::string file_missing = "% No such file: {file}\n";  // "{file}"
  std::string replace_refused = "{line}\n% Invalid input detected at '^' marker.\n";
  std::string confirm_none;        // a confirm with nothing pending
  std::string file_prompt = "+>";  // tclsh while a command goes on over lines
};

struct DeviceModel {
  std::string name;
  std::string login_banner;          // printed once before the first prompt
  std::string pager = " --More-- ";  // the pager prompt; "" = the device never pages
  bool paging = true;                // paging is on at login (until turned off)
  // Printed as a line before the output of every command typed in a mode that is not
  // configuration (and of commit), until a "no_timestamp" command (IOS XR); "" = never.
  std::string timestamp;
  std::string start;  // the mode a session starts in (the login user's); "" = the root mode
  std::vector<ModelMode> modes;
  ModelErrors errors;
  ModelConfig config;
  // [device] fault = "NAME[:ARG]" and fault_on = "TEXT": the device plays this fault
  // (as --fault and --fault-on would say; those, when given, win).
  std::optional<FaultSpec> fault;
  std::vector<ModelSubmode> submodes;
  std::vector<ModelCommand> commands;

  const ModelMode* find_mode(std::string_view mode) const;
};

// Parses a device model. `extends = "NAME"` starts from model NAME (found beside `source`,
// then among the shipped models) and overrides what the file says. Throws
// std::runtime_error naming `source`, line and column.
DeviceModel parse_device_model(std::string_view toml_text, const std::string& source);
DeviceModel load_device_model_file(const std::filesystem::path& file);

// The folder of the shipped device models (<name>.toml per vendor OS): the source tree's for
// a build-tree vty-sim, the installed one otherwise.
std::filesystem::path shipped_device_dir();

}  // namespace vty::sim
