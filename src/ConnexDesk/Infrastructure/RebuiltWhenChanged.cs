namespace ConnexDesk.Infrastructure;

/// <summary>
/// A value that is costly to build from the database (an index of the sanctions lists or of the roster), kept
/// between requests and built again, once however many requests ask at the same time, when its key changes.
/// </summary>
public sealed class RebuiltWhenChanged<TKey, TValue> : IDisposable
    where TKey : IEquatable<TKey>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (TKey Key, TValue Value)? _current;

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_current is { } current && current.Key.Equals(key))
            return current.Value;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.Key.Equals(key))
                return again.Value;
            var value = await build();
            _current = (key, value);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
