#pragma once

#include "core/tools/resolverjob.h"

#include <QMetaObject>
#include <QObject>

#include <memory>

/// Runs lookup() on job's own thread, then done(result) on context's thread (the GUI's) through
/// a queued call. The job must be a member of context (or die with it): its destructor drops
/// an answer still on its way, and Qt drops the queued call of a destroyed context.
/// An answer already queued when job.cancel() (or a newer lookup) came is dropped on arrival.
template<class Lookup, class Done>
void runLookup(sb::ResolverJob &job, QObject *context, Lookup lookup, Done done)
{
    auto ticket = std::make_shared<uint64_t>(0);
    *ticket = job.start(std::move(lookup), [context, done, &job, ticket](auto result) {
        QMetaObject::invokeMethod(
                context,
                [done, result, &job, ticket]() mutable {
                    if (job.isCurrent(*ticket))
                        done(std::move(result));
                },
                Qt::QueuedConnection);
    });
}
