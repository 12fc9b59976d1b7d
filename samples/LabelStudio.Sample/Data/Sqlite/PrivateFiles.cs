namespace LabelStudio.Sample.Data.Sqlite;

/// <summary>
/// The data directory's secrets readable by their owner only (on Unix): the SQLite file (0600; SQLite gives its
/// <c>-wal</c> and <c>-shm</c> files the database file's mode) and the Data Protection key ring's folder (0700), so
/// other accounts on the machine cannot read password hashes, webhook secrets' ciphertext or the keys that open it.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    public static void Prepare(string dataDirectory, string databaseFile, string keysDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
            Directory.CreateDirectory(keysDirectory);
            return;
        }
        // A folder the operator already made keeps its mode; the files in it are what matter.
        Directory.CreateDirectory(dataDirectory, OwnerFolder);
        Directory.CreateDirectory(keysDirectory, OwnerFolder);
        File.SetUnixFileMode(keysDirectory, OwnerFolder);
        if (!File.Exists(databaseFile))
        {
            // Created here, empty, so that SQLite opens a file that was never readable by others.
            using var created = new FileStream(databaseFile, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
        }
        foreach (string file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm", databaseFile + "-journal" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, OwnerFile);
        }
    }
}
