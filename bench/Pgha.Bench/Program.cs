using System.Globalization;
using Pgha.Bench;

BenchSettings settings = Arguments.Parse(args);
IDisposable[] signals = Reaper.Install();
var results = new Results();
var clock = new BenchClock();
int failures = 0;
string header = await MachineInfo.DescribeAsync(settings);
Console.WriteLine(header);
for (int rep = 1; rep <= settings.Repetitions; rep++)
{
    foreach (BenchProfile profile in settings.Profiles)
    {
        // Alternate which system goes first, so neither always runs on a warmer (or more tired) machine.
        IEnumerable<BenchSystem> order = rep % 2 == 1 ? settings.Systems : settings.Systems.Reverse();
        foreach (BenchSystem system in order)
        {
            Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] repetition {rep}/{settings.Repetitions}, profile {profile.Name}, {system} ({BenchProfile.Describe(profile.For(system))})");
            try
            {
                await BenchRun.RunAsync(system, profile, settings, results, clock);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or Npgsql.NpgsqlException or HttpRequestException)
            {
                failures++;
                Console.WriteLine($"  {system}: run failed, its remaining measurements are missing: {e.GetType().Name}: {e.Message}");
            }
            string report = header + results.Markdown() + string.Format(CultureInfo.InvariantCulture, "\nFailed runs: {0}\n", failures);
            if (settings.OutFile is not null)
            {
                await File.WriteAllTextAsync(settings.OutFile, report);
            }
        }
    }
}
Console.WriteLine(results.Markdown());
Console.WriteLine($"Failed runs: {failures}");
Array.ForEach(signals, s => s.Dispose());
