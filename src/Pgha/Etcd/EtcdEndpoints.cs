namespace Pgha.Etcd;

/// <summary>The client URLs of an etcd cluster; every call uses the current one until it fails, then the next.</summary>
public sealed class EtcdEndpoints
{
    private readonly string[] _urls;
    private int _current;

    public EtcdEndpoints(IEnumerable<string> urls)
    {
        _urls = urls.Select(u => u.TrimEnd('/')).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (_urls.Length == 0)
        {
            throw new ArgumentException("etcd3.hosts is empty; list at least one etcd client URL such as 127.0.0.1:2379", nameof(urls));
        }
    }

    public IReadOnlyList<string> All => _urls;

    public string Current => _urls[Volatile.Read(ref _current) % _urls.Length];

    /// <summary>Moves past <paramref name="failed"/>; a no-op when a concurrent call already moved on.</summary>
    public void Rotate(string failed)
    {
        int seen = Volatile.Read(ref _current);
        if (_urls[seen % _urls.Length] == failed)
        {
            Interlocked.CompareExchange(ref _current, (seen + 1) % _urls.Length, seen);
        }
    }
}
