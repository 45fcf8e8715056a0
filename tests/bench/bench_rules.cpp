// bench_rules: how fast the reply rules find the rule for a message (scripts/bench.sh row 12).
// Not a test: it prints figures and never passes or fails on them.
//
//   bench_rules [RULES [KIB [SECONDS]]]   RULES rules (1000) against one message of KIB KiB
//                                          (64): contains and starts-with rules whose text is
//                                          not in the message, then one that is, last. Prints
//                                          "MB/s of the engine" and "MB/s of a search rule by
//                                          rule" (std::string_view::find, what a plain loop does)

#include "core/text/rules.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char **argv)
{
    const int rules = argc > 1 ? std::atoi(argv[1]) : 1000;
    const size_t kib = argc > 2 ? size_t(std::atoi(argv[2])) : 64;
    const double seconds = argc > 3 ? std::atof(argv[3]) : 1.0;
    std::mt19937 rng(1);
    // The message: printable text, as a line protocol carries. No rule's text occurs in it,
    // but the last rule's: every rule has to be ruled out.
    std::string message(kib * 1024, ' ');
    for (char &c : message)
        c = char('a' + rng() % 26);
    std::string text = "framing: raw\n";
    std::vector<std::string> needles;
    for (int i = 0; i < rules - 1; ++i) {
        std::string n = "Z";
        for (int k = 0; k < 7; ++k)
            n += char('a' + rng() % 26);
        needles.push_back(n);
        text += "rule: r" + std::to_string(i + 1) + "\nmatch: "
                + (i % 4 == 3 ? "starts-with" : "contains") + " \"" + n + "\"\ndo: reply \"x\"\n";
    }
    const std::string last = message.substr(message.size() - 9, 8);
    needles.push_back(last);
    text += "rule: last\nmatch: contains \"" + last + "\"\ndo: reply \"found\"\n";
    auto parsed = sb::RuleSet::parse(text);
    if (!parsed) {
        std::fprintf(stderr, "bench_rules: %s\n", parsed.error().c_str());
        return 1;
    }
    const sb::RuleSet &set = **parsed;
    using Clock = std::chrono::steady_clock;
    const auto measure = [&](auto &&once) {
        size_t bytes = 0;
        const auto start = Clock::now();
        const auto until = start + std::chrono::duration<double>(seconds);
        int found = 0;
        while (Clock::now() < until) {
            found += once();
            bytes += message.size();
        }
        const double s = std::chrono::duration<double>(Clock::now() - start).count();
        return found >= 0 ? bytes / s / 1e6 : 0.0;
    };
    const double engine
            = measure([&] { return set.match(message).rule == rules - 1 ? 1 : -1000000; });
    const double plain = measure([&] {
        for (size_t i = 0; i < needles.size(); ++i) {
            if (std::string_view(message).find(needles[i]) != std::string_view::npos)
                return int(i);
        }
        return -1;
    });
    std::printf("%.1f %.1f\n", engine, plain);
    return set.match(message).rule == rules - 1 ? 0 : 1;
}
