namespace Pgha.Cli;

/// <summary>Process exit codes. Scripts rely on them: never renumber.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A refusal or a failure the user can fix (bad input, impossible request).</summary>
    public const int Failure = 1;
    /// <summary>Command-line usage error.</summary>
    public const int Usage = 2;
    /// <summary>The config file is invalid.</summary>
    public const int InvalidConfig = 3;
    /// <summary>etcd or another required service could not be reached.</summary>
    public const int Unavailable = 4;
    /// <summary>A bug: the stack trace is printed with --debug.</summary>
    public const int InternalError = 70;
}
