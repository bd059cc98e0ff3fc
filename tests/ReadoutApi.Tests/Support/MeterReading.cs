using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ReadoutApi.Telemetry;

namespace ReadoutApi.Tests.Support;

/// <summary>Reads an observable instrument of the service's meter, as a reader would collect it, from one host's meters only.</summary>
public static class MeterReading
{
    public static long Observe(IServiceProvider services, string instrument, params (string Tag, string Value)[] tags) =>
        Observe(services.GetRequiredService<IMeterFactory>(), instrument, tags);

    public static long Observe(IMeterFactory meters, string instrument, params (string Tag, string Value)[] tags)
    {
        using var collector = new MetricCollector<long>(meters, ServiceMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot()
            .Where(m => tags.All(t => m.Tags.TryGetValue(t.Tag, out var v) && (string?)v == t.Value))
            .Select(m => m.Value)
            .Single();
    }
}
