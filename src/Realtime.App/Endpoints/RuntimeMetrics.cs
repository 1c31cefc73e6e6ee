using Prometheus;

namespace Realtime.App.Endpoints;

/// <summary>
/// Process and .NET runtime series on a node's registry: prometheus-net's process and GC collectors, plus the thread
/// pool and GC heap figures it lacks, read at scrape time. (prometheus-net 8.2.1's meter adapter exports nothing of the
/// <c>System.Runtime</c> meter on a custom registry, so those are read from the runtime directly.)
/// </summary>
public static class RuntimeMetrics
{
    public static void Register(CollectorRegistry registry)
    {
        DotNetStats.Register(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        var threads = factory.CreateGauge("dotnet_threadpool_threads", "Thread pool threads.");
        var queue = factory.CreateGauge("dotnet_threadpool_queue_length", "Work items queued to the thread pool, not yet started.");
        var completed = factory.CreateCounter("dotnet_threadpool_completed_items_total", "Work items the thread pool completed.");
        var heap = factory.CreateGauge("dotnet_gc_heap_size_bytes", "GC heap size after the last collection.");
        var allocated = factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the GC heap since start.");
        var paused = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the GC paused the process since start.");
        registry.AddBeforeCollectCallback(() =>
        {
            threads.Set(ThreadPool.ThreadCount);
            queue.Set(ThreadPool.PendingWorkItemCount);
            completed.IncTo(ThreadPool.CompletedWorkItemCount);
            heap.Set(GC.GetGCMemoryInfo().HeapSizeBytes);
            allocated.IncTo(GC.GetTotalAllocatedBytes());
            paused.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
        });
    }
}
