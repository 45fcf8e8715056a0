#include "core/text/optvaluetext.h"

#include "core/text/mreqtext.h"

#include <cstdint>
#include <cstring>

#include <sys/time.h>

namespace sb {

void describeOptValue(TraceRecord &r, int level, int name, const void *value, socklen_t len)
{
    if (!value)
        return;
    if (std::string text = describeMulticastOpt(level, name, value, len); !text.empty()) {
        r.text = std::move(text);
        return;
    }
    if (level == SOL_SOCKET && name == SO_LINGER && len >= socklen_t(sizeof(linger))) {
        linger l {};
        std::memcpy(&l, value, sizeof l);
        r.text = "{l_onoff=" + std::to_string(l.l_onoff)
                + ", l_linger=" + std::to_string(l.l_linger) + "}";
    } else if (level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO)
               && len >= socklen_t(sizeof(timeval))) {
        timeval tv {};
        std::memcpy(&tv, value, sizeof tv);
        r.text = "{tv_sec=" + std::to_string(tv.tv_sec) + ", tv_usec=" + std::to_string(tv.tv_usec)
                + "}";
    } else if (len == socklen_t(sizeof(int))) {
        int v = 0;
        std::memcpy(&v, value, sizeof v);
        r.a[2] = v;
    } else if (len == socklen_t(sizeof(uint8_t))) {
        r.a[2] = *static_cast<const uint8_t *>(value);
    }
}

} // namespace sb
