namespace Pgha.Logging;

/// <summary>Stable event-id ranges: 1000 HA cycle, 2000 DCS, 3000 PostgreSQL, 4000 API, 5000 CLI.</summary>
public static class LogEvents
{
    public const int HaCycle = 1000;
    public const int Dcs = 2000;
    public const int Postgres = 3000;
    public const int Api = 4000;
    public const int Cli = 5000;
}
