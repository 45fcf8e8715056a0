#include "core/trace/traceememory.h"

#include <sys/uio.h>

namespace sb::tracee {

bool TraceeMemory::read(uint64_t address, void *out, size_t len) const
{
    if (len == 0)
        return true;
    if (address == 0)
        return false;
    iovec local {out, len};
    iovec remote {reinterpret_cast<void *>(address), len};
    return process_vm_readv(m_tid, &local, 1, &remote, 1, 0) == static_cast<ssize_t>(len);
}

std::string TraceeMemory::bytes(uint64_t address, size_t len) const
{
    std::string out(len, '\0');
    if (len == 0 || address == 0)
        return {};
    iovec local {out.data(), len};
    iovec remote {reinterpret_cast<void *>(address), len};
    const ssize_t n = process_vm_readv(m_tid, &local, 1, &remote, 1, 0);
    out.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return out;
}

} // namespace sb::tracee
