namespace Pgha.Logging;

/// <summary>An append-only log file rotated by size: <c>patroni.log</c>, <c>patroni.log.1</c> … <c>.N</c>.</summary>
public sealed class RotatingFile : IDisposable
{
    private readonly string _path;
    private readonly long _maxBytes;
    private readonly int _keep;
    private StreamWriter _writer;

    public RotatingFile(string path, long maxBytes, int keep)
    {
        _path = path;
        _maxBytes = Math.Max(4096, maxBytes);
        _keep = Math.Max(1, keep);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = Open();
    }

    public void WriteLine(string line)
    {
        _writer.WriteLine(line);
        _writer.Flush();
        if (_writer.BaseStream.Length >= _maxBytes)
        {
            Rotate();
        }
    }

    public void Dispose() => _writer.Dispose();

    private StreamWriter Open() => new(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));

    private void Rotate()
    {
        _writer.Dispose();
        for (int i = _keep - 1; i >= 1; i--)
        {
            string from = $"{_path}.{i}";
            if (File.Exists(from))
            {
                File.Move(from, $"{_path}.{i + 1}", overwrite: true);
            }
        }
        File.Move(_path, $"{_path}.1", overwrite: true);
        _writer = Open();
    }
}
