namespace Pgha.Core.Ctl;

/// <summary>One row of PostgreSQL's <c>pg_settings</c>: what a parameter accepts and when a change takes effect.</summary>
/// <param name="VarType">bool, integer, real, string or enum.</param>
/// <param name="Context">postmaster (restart), sighup (reload), user, superuser, ...</param>
public sealed record PgSetting(string Name, string VarType, string? Unit, double? Min, double? Max, IReadOnlyList<string> EnumValues, string Context);
