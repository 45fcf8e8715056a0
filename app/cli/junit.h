#pragma once
// `sockbench-cli run --junit FILE`: the outcome of a scenario's expectations as JUnit XML, the
// report CI systems (GitLab, Jenkins, GitHub actions) read: one testcase per expect: line.

#include <string>
#include <vector>

namespace sb::cli {

/// One expectation's outcome. Value type.
struct JunitCase
{
    std::string name; ///< "line 12: errno probe ECONNREFUSED"
    std::string classname; ///< "udp-echo.2 trigger ECONNREFUSED": the scenario and the step
    double seconds = 0; ///< how long the step took
    bool passed = true;
    std::string message; ///< why it failed
};

/// The XML document: <testsuites><testsuite name=... tests= failures= errors= skipped= time=
/// timestamp=><testcase name= classname= time=><failure message= type=>...</failure>.
/// seconds: the whole run's.
std::string junitXml(const std::string &suite, const std::string &timestamp, double seconds,
                     const std::vector<JunitCase> &cases);

/// s with & < > " ' as entities, and what XML 1.0 cannot hold (control characters, bytes that
/// are not UTF-8) as \xNN text.
std::string xmlEscaped(const std::string &s);

} // namespace sb::cli
