#include "core/errnoinfo.h"

#include <cstring>
#include <type_traits>

#include <errno.h>

namespace sb {

const char *errnoName(int err)
{
    // One case per Linux errno value; the aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) share a
    // number with the name listed here, which is the one strace prints.
    switch (err) {
#define SB_ERRNO(e)                                                                                \
    case e:                                                                                        \
        return #e;
        SB_ERRNO(EPERM)
        SB_ERRNO(ENOENT)
        SB_ERRNO(ESRCH)
        SB_ERRNO(EINTR)
        SB_ERRNO(EIO)
        SB_ERRNO(ENXIO)
        SB_ERRNO(E2BIG)
        SB_ERRNO(ENOEXEC)
        SB_ERRNO(EBADF)
        SB_ERRNO(ECHILD)
        SB_ERRNO(EAGAIN)
        SB_ERRNO(ENOMEM)
        SB_ERRNO(EACCES)
        SB_ERRNO(EFAULT)
        SB_ERRNO(ENOTBLK)
        SB_ERRNO(EBUSY)
        SB_ERRNO(EEXIST)
        SB_ERRNO(EXDEV)
        SB_ERRNO(ENODEV)
        SB_ERRNO(ENOTDIR)
        SB_ERRNO(EISDIR)
        SB_ERRNO(EINVAL)
        SB_ERRNO(ENFILE)
        SB_ERRNO(EMFILE)
        SB_ERRNO(ENOTTY)
        SB_ERRNO(ETXTBSY)
        SB_ERRNO(EFBIG)
        SB_ERRNO(ENOSPC)
        SB_ERRNO(ESPIPE)
        SB_ERRNO(EROFS)
        SB_ERRNO(EMLINK)
        SB_ERRNO(EPIPE)
        SB_ERRNO(EDOM)
        SB_ERRNO(ERANGE)
        SB_ERRNO(EDEADLK)
        SB_ERRNO(ENAMETOOLONG)
        SB_ERRNO(ENOLCK)
        SB_ERRNO(ENOSYS)
        SB_ERRNO(ENOTEMPTY)
        SB_ERRNO(ELOOP)
        SB_ERRNO(ENOMSG)
        SB_ERRNO(EIDRM)
        SB_ERRNO(ECHRNG)
        SB_ERRNO(EL2NSYNC)
        SB_ERRNO(EL3HLT)
        SB_ERRNO(EL3RST)
        SB_ERRNO(ELNRNG)
        SB_ERRNO(EUNATCH)
        SB_ERRNO(ENOCSI)
        SB_ERRNO(EL2HLT)
        SB_ERRNO(EBADE)
        SB_ERRNO(EBADR)
        SB_ERRNO(EXFULL)
        SB_ERRNO(ENOANO)
        SB_ERRNO(EBADRQC)
        SB_ERRNO(EBADSLT)
        SB_ERRNO(EBFONT)
        SB_ERRNO(ENOSTR)
        SB_ERRNO(ENODATA)
        SB_ERRNO(ETIME)
        SB_ERRNO(ENOSR)
        SB_ERRNO(ENONET)
        SB_ERRNO(ENOPKG)
        SB_ERRNO(EREMOTE)
        SB_ERRNO(ENOLINK)
        SB_ERRNO(EADV)
        SB_ERRNO(ESRMNT)
        SB_ERRNO(ECOMM)
        SB_ERRNO(EPROTO)
        SB_ERRNO(EMULTIHOP)
        SB_ERRNO(EDOTDOT)
        SB_ERRNO(EBADMSG)
        SB_ERRNO(EOVERFLOW)
        SB_ERRNO(ENOTUNIQ)
        SB_ERRNO(EBADFD)
        SB_ERRNO(EREMCHG)
        SB_ERRNO(ELIBACC)
        SB_ERRNO(ELIBBAD)
        SB_ERRNO(ELIBSCN)
        SB_ERRNO(ELIBMAX)
        SB_ERRNO(ELIBEXEC)
        SB_ERRNO(EILSEQ)
        SB_ERRNO(ERESTART)
        SB_ERRNO(ESTRPIPE)
        SB_ERRNO(EUSERS)
        SB_ERRNO(ENOTSOCK)
        SB_ERRNO(EDESTADDRREQ)
        SB_ERRNO(EMSGSIZE)
        SB_ERRNO(EPROTOTYPE)
        SB_ERRNO(ENOPROTOOPT)
        SB_ERRNO(EPROTONOSUPPORT)
        SB_ERRNO(ESOCKTNOSUPPORT)
        SB_ERRNO(EOPNOTSUPP)
        SB_ERRNO(EPFNOSUPPORT)
        SB_ERRNO(EAFNOSUPPORT)
        SB_ERRNO(EADDRINUSE)
        SB_ERRNO(EADDRNOTAVAIL)
        SB_ERRNO(ENETDOWN)
        SB_ERRNO(ENETUNREACH)
        SB_ERRNO(ENETRESET)
        SB_ERRNO(ECONNABORTED)
        SB_ERRNO(ECONNRESET)
        SB_ERRNO(ENOBUFS)
        SB_ERRNO(EISCONN)
        SB_ERRNO(ENOTCONN)
        SB_ERRNO(ESHUTDOWN)
        SB_ERRNO(ETOOMANYREFS)
        SB_ERRNO(ETIMEDOUT)
        SB_ERRNO(ECONNREFUSED)
        SB_ERRNO(EHOSTDOWN)
        SB_ERRNO(EHOSTUNREACH)
        SB_ERRNO(EALREADY)
        SB_ERRNO(EINPROGRESS)
        SB_ERRNO(ESTALE)
        SB_ERRNO(EUCLEAN)
        SB_ERRNO(ENOTNAM)
        SB_ERRNO(ENAVAIL)
        SB_ERRNO(EISNAM)
        SB_ERRNO(EREMOTEIO)
        SB_ERRNO(EDQUOT)
        SB_ERRNO(ENOMEDIUM)
        SB_ERRNO(EMEDIUMTYPE)
        SB_ERRNO(ECANCELED)
        SB_ERRNO(ENOKEY)
        SB_ERRNO(EKEYEXPIRED)
        SB_ERRNO(EKEYREVOKED)
        SB_ERRNO(EKEYREJECTED)
        SB_ERRNO(EOWNERDEAD)
        SB_ERRNO(ENOTRECOVERABLE)
        SB_ERRNO(ERFKILL)
        SB_ERRNO(EHWPOISON)
#undef SB_ERRNO
    default:
        return nullptr;
    }
}

std::string errnoText(int err)
{
    char buf[256] = {};
    // glibc's GNU strerror_r (we build with _GNU_SOURCE through g++) returns the text, which
    // may or may not be buf; the XSI one returns int. Handle both without #ifdef soup.
    const auto r = strerror_r(err, buf, sizeof buf);
    if constexpr (std::is_same_v<decltype(r),
                                 const char *const> || std::is_same_v<decltype(r), char *const>)
        return r ? std::string(r) : std::string(buf);
    else
        return std::string(buf);
}

std::string formatErrno(int err)
{
    const char *name = errnoName(err);
    const std::string text = errnoText(err);
    if (!name)
        return "errno " + std::to_string(err) + " (" + text + ")";
    return std::string(name) + " (" + text + ")";
}

} // namespace sb
