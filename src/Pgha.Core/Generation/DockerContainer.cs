namespace Pgha.Core.Generation;

/// <summary>One host as a container, shared by docker-compose.yml and deploy.sh so the two never disagree.</summary>
public sealed record DockerContainer(
    string Name,
    string Address,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<(int Host, int Container)> Ports,
    string ConfigDir,
    string Command);
