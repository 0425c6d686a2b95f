using System.Globalization;
using System.Text;

namespace Pgha.Core.Verify;

/// <summary>The short human report of <c>pgha verify</c>.</summary>
public static class VerifyReportText
{
    public static string Render(VerifyReport report, VerifyRunInfo info)
    {
        var text = new StringBuilder();
        string mode = info.SynchronousMode ? "synchronous" : "asynchronous";
        text.AppendLine(Inv($"run {info.RunId}: {info.Writers} writers for {Seconds(info.Duration)} into {info.Table}, {mode} mode ({info.ModeSource}){(info.Seed is { } s ? Inv($", seed {s}") : "")}"));
        text.AppendLine(Inv($"acknowledged: {report.Acknowledged}"));
        text.AppendLine(Inv($"lost:         {report.Lost.Count}{LostDetail(report, info)}"));
        text.AppendLine(Inv($"unknown:      {report.Unknown} (commit sent, no answer; {report.UnknownFound} of them committed)"));
        text.AppendLine(Inv($"split brain:  {report.SplitBrains.Count + (report.PrimariesAtEnd.Count > 1 ? 1 : 0)}"));
        foreach (SplitBrain b in report.SplitBrains)
        {
            text.AppendLine(Inv($"  {b.First} acked {b.Before.Value} at {Clock(b.Before.AckedAt)}, {b.Second} acked {b.Between.Value} at {Clock(b.Between.AckedAt)}, then {b.First} acked {b.After.Value} at {Clock(b.After.AckedAt)}"));
        }
        text.AppendLine(Inv($"final primary: {report.FinalPrimary ?? (report.PrimariesAtEnd.Count == 0 ? "none" : string.Join(", ", report.PrimariesAtEnd))}"));
        foreach (NodeContents n in report.UnreadNodes)
        {
            text.AppendLine(Inv($"  not read: {n.Server}: {n.Problem}"));
        }
        text.AppendLine(Inv($"failovers seen: {report.Failovers.Count}"));
        foreach (Failover f in report.Failovers)
        {
            text.AppendLine(Inv($"  {Clock(f.FirstAckAt)} {f.From} -> {f.To}"));
        }
        text.AppendLine(Inv($"faults: {report.Outages.Count}{(report.MaxOutage is { } max ? Inv($", write outage max {Seconds(max)}, median {Seconds(report.MedianOutage!.Value)}") : "")}"));
        foreach (FaultOutage o in report.Outages)
        {
            text.AppendLine(Inv($"  {Clock(o.Fault.StartedAt)} {o.Fault.Name}{(o.Fault.Detail.Length > 0 ? " " + o.Fault.Detail : "")}: outage {Seconds(o.Outage)}{(o.Recovered ? "" : " (writes did not resume)")}"));
        }
        IReadOnlyList<string> failures = report.Failures(info.SynchronousMode);
        text.Append(failures.Count == 0 ? "result: PASS" : "result: FAIL: " + string.Join("; ", failures));
        return text.ToString();
    }

    private static string LostDetail(VerifyReport report, VerifyRunInfo info)
    {
        if (report.Lost.Count == 0)
        {
            return "";
        }
        string sample = string.Join(", ", report.Lost.Take(5).Select(w => Inv($"{w.Value}@{w.Server}")));
        string rule = info.SynchronousMode
            ? "none may be lost in synchronous mode"
            : Inv($"asynchronous mode may lose up to maximum_lag_on_failover ({info.MaximumLagOnFailover?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes) of WAL");
        return $" ({sample}{(report.Lost.Count > 5 ? ", ..." : "")}; {rule})";
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s";

    private static string Clock(DateTimeOffset t) => t.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
