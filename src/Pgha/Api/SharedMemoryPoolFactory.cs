using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Pgha.Api;

/// <summary>
/// Kestrel's buffers from the shared array pool. Kestrel's default pool factory has its heartbeat queue an eviction scan
/// on the thread pool every 10 s, which in an idle agent woke a pool worker and the pool's gate thread six times a
/// minute for nothing; the REST API serves a few small requests, for which the shared array pool does as well.
/// </summary>
internal sealed class SharedMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => MemoryPool<byte>.Shared;
}
