using Pgha.Postgres;

namespace Pgha.IntegrationTests.Postgres;

public sealed class ToolDirectoriesTests
{
    [Fact]
    public void The_wal_directory_and_tablespace_targets_are_read_from_the_arguments()
    {
        string[] arguments = ["--data-checksums", "--waldir=/wal/n1", "--tablespace-mapping=/old/a\\=b=/new/c\\=d", "--checkpoint=fast"];

        Assert.Equal(["/wal/n1", "/new/c=d"], ToolDirectories.From(arguments));
    }
}
