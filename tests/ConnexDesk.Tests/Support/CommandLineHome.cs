namespace ConnexDesk.Tests.Support;

/// <summary>A fresh data directory for the real executable, and the environment that points it there; removed afterwards.</summary>
public sealed class CommandLineHome : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "connexdesk-cli-tests", Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Environment(string environment = "Production") => new()
    {
        ["Desk__DataDirectory"] = DataDirectory,
        ["DOTNET_ENVIRONMENT"] = environment,
    };

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
