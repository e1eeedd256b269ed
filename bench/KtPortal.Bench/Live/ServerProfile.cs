using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KtPortal.Bench.Live;

/// <summary>
/// Where the server's time goes while changes fan out: every Blazor histogram (render diffs, event and parameter
/// handling; the framework's own meters) and every database command EF Core executes (its diagnostic events), summed
/// from <see cref="Start"/>. Lets the report split a change's cost into queries and rendering per circuit.
/// </summary>
internal sealed class ServerProfile : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly MeterListener _meters = new();
    private readonly ConcurrentDictionary<string, Total> _totals = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _recording;

    public ServerProfile()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _meters.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        _meters.Start();
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>Totals so far, by instrument name ("db.command" for EF Core commands and "sql …" per statement, in ms; Blazor's durations in s).</summary>
    public IReadOnlyDictionary<string, (long Count, double Sum)> Totals => _totals.ToDictionary(p => p.Key, p => (p.Value.Count, p.Value.Sum));

    public void Start()
    {
        _totals.Clear();
        _recording = true;
    }

    public void Stop() => _recording = false;

    private void Add(string name, double value)
    {
        if (_recording)
        {
            _totals.GetOrAdd(name, _ => new Total()).Add(value);
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed)
        {
            Add("db.command", executed.Duration.TotalMilliseconds);
            // Per statement too (its first 160 characters), to see which queries a change sets off.
            var text = executed.Command.CommandText.ReplaceLineEndings(" ");
            Add("sql " + text[..Math.Min(text.Length, 160)], executed.Duration.TotalMilliseconds);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _meters.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }

    private sealed class Total
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _sum;

        public long Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        public double Sum
        {
            get
            {
                lock (_gate)
                {
                    return _sum;
                }
            }
        }

        public void Add(double value)
        {
            lock (_gate)
            {
                _count++;
                _sum += value;
            }
        }
    }
}
