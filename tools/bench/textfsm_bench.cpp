// vty-bench-textfsm: TextFSM parsing throughput, vty against python3-textfsm, on `show
// interfaces` output of 5 MB and 50 MB (linear: the 50 MB run should take ~10x the 5 MB one).
//   vty-bench-textfsm [--sizes 5,50] [--repeats 3] [--no-python]
// Prints one line per engine and size, then the ratios. See docs/BENCHMARKS.md.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <vty/textfsm.hpp>

namespace {

// Interface blocks as an IOS-XE router prints them, numbered so that no two are alike.
std::string show_interfaces(std::size_t megabytes) {
  std::string out;
  std::size_t target = megabytes * 1000 * 1000;
  out.reserve(target + 1024);
  for (std::size_t i = 0; out.size() < target; ++i) {
    std::string n = std::to_string(i);
    out += "GigabitEthernet0/" + n + " is up, line protocol is up\n";
    out += "  Hardware is CSR vNIC, address is 5254.00" + std::to_string(10 + i % 90) +
           ".3456 (bia 5254.0012.3456)\n";
    out += "  Description: link number " + n + " to the aggregation layer\n";
    out += "  Internet address is 10." + std::to_string(i / 65536 % 256) + "." +
           std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) + "/31\n";
    out += "  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec,\n";
    out += "     reliability 255/255, txload 1/255, rxload 1/255\n";
    out += "  Encapsulation ARPA, loopback not set\n";
    out += "     " + std::to_string(52345 + i) + " packets input, 6543210 bytes, 0 no buffer\n";
    out += "     " + std::to_string(31234 + i) + " packets output, 4321098 bytes, 0 underruns\n";
  }
  return out;
}

struct Figure {
  double seconds = 0;
  std::size_t rows = 0;
};

// CPU time, not wall time: the figure stays meaningful on a machine shared with other work.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

Figure time_vty(const vty::textfsm::Template& t, const std::string& text, int repeats) {
  Figure best{1e30, 0};
  for (int r = 0; r < repeats; ++r) {
    double started = cpu_seconds();
    auto rows = t.parse(text);
    double s = cpu_seconds() - started;
    if (s < best.seconds) best = {s, rows.size()};
  }
  return best;
}

Figure time_python(const std::string& templ, const std::string& file, int repeats) {
  std::string command = "/usr/bin/python3 '" + std::string(VTY_TEXTFSM_PEER) + "' '" + templ +
                        "' '" + file + "' " + std::to_string(repeats);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {};
  char line[512] = {};
  std::string json = fgets(line, sizeof line, pipe) ? line : "";
  if (pclose(pipe) != 0 || json.empty()) return {};
  Figure f;
  std::sscanf(json.c_str(), "{\"seconds\": %lf, \"rows\": %zu}", &f.seconds, &f.rows);
  return f;
}

void report(const char* engine, std::size_t mb, const Figure& f) {
  std::printf("%-15s %4zu MB  %9.3f cpu s  %9.2f MB/s  %9zu rows\n", engine, mb, f.seconds,
              static_cast<double>(mb) / f.seconds, f.rows);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes{5, 50};
  int repeats = 3;
  bool python = true;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--no-python") {
      python = false;
    } else if (arg == "--repeats" && i + 1 < argc) {
      repeats = std::atoi(argv[++i]);
    } else if (arg == "--sizes" && i + 1 < argc) {
      sizes.clear();
      std::stringstream list(argv[++i]);
      for (std::string s; std::getline(list, s, ',');) sizes.push_back(std::stoul(s));
    } else {
      std::cerr << "usage: vty-bench-textfsm [--sizes 5,50] [--repeats N] [--no-python]\n";
      return 64;
    }
  }
  const std::string templ = VTY_TEXTFSM_BENCH_TEMPLATE;
  auto compiled = vty::textfsm::Template::from_file(templ);
  auto file = (std::filesystem::temp_directory_path() / "vty-bench-textfsm.txt").string();
  std::printf("template %s; CPU time of the parse alone; best of %d runs\n", templ.c_str(),
              repeats);
  std::vector<Figure> vty_figures, py_figures;
  for (std::size_t mb : sizes) {
    std::string text = show_interfaces(mb);
    vty_figures.push_back(time_vty(compiled, text, repeats));
    report("vty", mb, vty_figures.back());
    if (!python) continue;
    std::ofstream(file, std::ios::binary) << text;
    py_figures.push_back(time_python(templ, file, repeats));
    report("python3-textfsm", mb, py_figures.back());
    if (py_figures.back().rows != vty_figures.back().rows) {
      std::cerr << "row counts differ: python3-textfsm missing or wrong\n";
      std::filesystem::remove(file);
      return 1;
    }
  }
  std::filesystem::remove(file);
  for (std::size_t k = 1; k < sizes.size(); ++k)
    std::printf("vty linearity: %zu MB / %zu MB time = %.2f (size ratio %.2f)\n", sizes[k],
                sizes[0], vty_figures[k].seconds / vty_figures[0].seconds,
                static_cast<double>(sizes[k]) / static_cast<double>(sizes[0]));
  for (std::size_t k = 0; k < py_figures.size(); ++k)
    std::printf("speed ratio at %zu MB: vty is %.1fx python3-textfsm\n", sizes[k],
                py_figures[k].seconds / vty_figures[k].seconds);
  return 0;
}
