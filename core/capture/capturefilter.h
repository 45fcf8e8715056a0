#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <linux/filter.h>

namespace sb {

/// The most ports a filter checks one by one; with more, it keeps every TCP and UDP packet on
/// lo (classic BPF jumps reach at most 255 instructions ahead).
constexpr size_t kMaxFilterPorts = 48;

/// A classic BPF program for a packet socket on lo (SO_ATTACH_FILTER) that keeps, whole up to
/// snapLength bytes:
/// - only the incoming copy of each packet: lo shows every packet twice, once leaving
///   (PACKET_OUTGOING) and once arriving, and libpcap keeps the arriving one as we do;
/// - IPv4 and IPv6 TCP and UDP packets with one of ports as source or destination port (all of
///   them when ports is empty or longer than kMaxFilterPorts);
/// - every ICMP and ICMPv6 packet (an error quotes the ports deeper than a filter should read).
/// Everything else is dropped in the kernel, before it is copied to us.
std::vector<sock_filter> loopbackFilter(const std::vector<uint16_t> &ports, uint32_t snapLength);

} // namespace sb
