#pragma once

#include <cstdint>
#include <string>

#include <sys/types.h>

namespace sb::tracee {

/// Reads a stopped tracee's memory with process_vm_readv. Tracer thread only.
class TraceeMemory
{
public:
    explicit TraceeMemory(pid_t tid)
        : m_tid(tid)
    { }
    /// All of len bytes at address into out; false when any is unreadable.
    bool read(uint64_t address, void *out, size_t len) const;
    /// Up to len bytes at address (fewer when the end is unreadable).
    std::string bytes(uint64_t address, size_t len) const;
    template<class T>
    bool value(uint64_t address, T *out) const
    {
        return address && read(address, out, sizeof(T));
    }

private:
    pid_t m_tid;
};

} // namespace sb::tracee
