namespace Pgha.Core.Generation;

/// <summary>
/// One file of a deployment. <see cref="Host"/> is the host's folder name, or "" for cluster-wide
/// files (docker-compose.yml, deploy.sh, secrets.env) at the top of the output folder.
/// Secret files must be written mode 0600, executable ones 0755.
/// </summary>
public sealed record GeneratedFile(string Host, string RelativePath, string Content, bool IsSecret, bool IsExecutable)
{
    /// <summary>The path under the output folder: <c>pgha1/etcd.yaml</c> or <c>deploy.sh</c>.</summary>
    public string OutputPath => Host.Length == 0 ? RelativePath : $"{Host}/{RelativePath}";
}
