package dev.embedscope.backend;

import dev.embedscope.tsne.TsneOptions;

/** What a run asks of a backend: threads for CPU work, and the repulsion method and θ. */
public record BackendRequest(int threads, TsneOptions.Method method, double theta) {

    public static BackendRequest of(TsneOptions o) {
        return new BackendRequest(o.threads(), o.method(), o.theta());
    }
}
