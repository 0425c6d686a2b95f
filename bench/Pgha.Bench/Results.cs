using System.Globalization;
using System.Text;

namespace Pgha.Bench;

/// <summary>Every sample by profile, measurement and system; renders min/median/max and the ratio of medians.</summary>
public sealed class Results
{
    private readonly List<(string Profile, string Metric, BenchSystem System, double Value)> _samples = [];
    private readonly List<string> _metricOrder = [];

    public void Add(string profile, string metric, BenchSystem system, double value)
    {
        lock (_samples)
        {
            _samples.Add((profile, metric, system, value));
            if (!_metricOrder.Contains(metric))
            {
                _metricOrder.Add(metric);
            }
        }
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        foreach (string profile in _samples.Select(s => s.Profile).Distinct())
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### Profile: {profile}\n\n");
            text.Append("| measurement | pgha min / median / max | Patroni min / median / max | n (pgha, Patroni) | pgha/Patroni (medians) |\n");
            text.Append("|---|---|---|---|---|\n");
            foreach (string metric in _metricOrder)
            {
                double[] p = Values(profile, metric, BenchSystem.Pgha);
                double[] q = Values(profile, metric, BenchSystem.Patroni);
                if (p.Length + q.Length == 0)
                {
                    continue;
                }
                string ratio = p.Length > 0 && q.Length > 0 && Median(q) != 0 ? (Median(p) / Median(q)).ToString("0.00", CultureInfo.InvariantCulture) : "-";
                text.Append(CultureInfo.InvariantCulture, $"| {metric} | {Span(p)} | {Span(q)} | {p.Length}, {q.Length} | {ratio} |\n");
            }
        }
        return text.ToString();
    }

    private double[] Values(string profile, string metric, BenchSystem system) =>
        _samples.Where(s => s.Profile == profile && s.Metric == metric && s.System == system).Select(s => s.Value).Order().ToArray();

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static string Span(double[] v) => v.Length == 0 ? "-" : $"{F(v[0])} / {F(Median(v))} / {F(v[^1])}";

    private static string F(double x) => x.ToString(Math.Abs(x) >= 100 ? "0" : Math.Abs(x) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
