package org.skypatrol.gateway.metrics;

import org.skypatrol.gateway.broadcast.BroadcastCounters;
import org.skypatrol.gateway.broadcast.BroadcastHttpApi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Loudspeaker broadcasts, read from {@link BroadcastCounters}: the first answer to each request
 * ({@code outcome}: accepted, rejected, failed at once, duplicate), how accepted ones ended
 * ({@code result}: done, failed, timeout), and the notable subsets of both.
 */
final class BroadcastMeters implements MeterBinder {

    private final BroadcastCounters counters;
    private final BroadcastHttpApi http;
    private boolean bound;

    /** @param http the HTTP API, or null when it is off */
    BroadcastMeters(BroadcastCounters counters, BroadcastHttpApi http) {
        this.counters = counters;
        this.http = http;
    }

    @Override
    public synchronized void bindTo(MeterRegistry r) {
        if (bound) {
            return;
        }
        bound = true;
        BroadcastCounters c = counters;
        String requests = "broadcast requests by their first answer: accepted, rejected, failed (drone offline), duplicate";
        Meters.counter(r, "skypatrol.broadcast.requests", null, requests, Tags.of("outcome", "accepted"), c,
                BroadcastCounters::accepted);
        Meters.counter(r, "skypatrol.broadcast.requests", null, requests, Tags.of("outcome", "rejected"), c,
                BroadcastCounters::rejected);
        Meters.counter(r, "skypatrol.broadcast.requests", null, requests, Tags.of("outcome", "failed"), c,
                BroadcastCounters::failedAtOnce);
        Meters.counter(r, "skypatrol.broadcast.requests", null, requests, Tags.of("outcome", "duplicate"), c,
                BroadcastCounters::duplicates);
        String finished = "accepted broadcasts by how they ended: done, failed, timeout";
        Meters.counter(r, "skypatrol.broadcast.finished", null, finished, Tags.of("result", "done"), c,
                BroadcastCounters::done);
        Meters.counter(r, "skypatrol.broadcast.finished", null, finished, Tags.of("result", "failed"), c,
                BroadcastCounters::failed);
        Meters.counter(r, "skypatrol.broadcast.finished", null, finished, Tags.of("result", "timeout"), c,
                BroadcastCounters::timedOut);
        Meters.counter(r, "skypatrol.broadcast.unauthorised", "requests",
                "requests rejected for a bad or missing app-level signature (part of outcome=rejected)", Tags.empty(),
                c, BroadcastCounters::unauthorised);
        Meters.counter(r, "skypatrol.broadcast.rate.limited", "requests",
                "requests rejected by the per-drone rate limit (part of outcome=rejected)", Tags.empty(), c,
                BroadcastCounters::rateLimited);
        Meters.counter(r, "skypatrol.broadcast.preempted", null,
                "broadcasts stopped by a higher-priority one (part of result=failed)", Tags.empty(), c,
                BroadcastCounters::preempted);
        Meters.counter(r, "skypatrol.broadcast.expired", null,
                "broadcasts whose ttl ran out (part of result=timeout)", Tags.empty(), c, BroadcastCounters::expired);
        Meters.counter(r, "skypatrol.broadcast.internal.errors", null,
                "transport errors inside the broadcast service", Tags.empty(), c, BroadcastCounters::internalErrors);
        BroadcastHttpApi api = http;
        if (api != null) {
            Meters.counter(r, "skypatrol.broadcast.http.unauthorized", "requests",
                    "HTTP broadcast API requests refused for a missing or wrong bearer token", Tags.empty(), api,
                    BroadcastHttpApi::unauthorized);
        }
    }
}
