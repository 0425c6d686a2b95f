namespace Pgha.Verify;

/// <summary>Injects one named fault; the returned <see cref="InjectedFault"/> heals it after the hold time.</summary>
public interface IFaultInjector
{
    Task<InjectedFault> InjectAsync(string name, FaultTarget target, CancellationToken ct);
}
