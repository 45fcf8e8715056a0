#include "ui/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE names a function in the global namespace: call it from outside sb.
static void initSockbenchResources() { Q_INIT_RESOURCE(sockbench); }

namespace sb {

void initResources()
{
    static const bool done = (initSockbenchResources(), true);
    (void)done;
}

} // namespace sb
