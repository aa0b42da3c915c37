using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConnexDesk.Tests.Support;

/// <summary>Runs the real ConnexDesk executable, as an operator would, with its own environment.</summary>
public static class DeskProcess
{
    private static readonly string[] InheritedSettingsToDrop = ["ConnectionStrings__", "Database__", "Desk__", "Mail__", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string AppDirectory
    {
        get
        {
            // Tests run from bin/<Configuration>/net10.0; the app was built in the same configuration.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(RepositoryRoot, "src", "ConnexDesk", "bin", configuration, "net10.0");
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppDirectory, "ConnexDesk.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => InheritedSettingsToDrop.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        return info;
    }

    public static async Task<CommandRun> RunAsync(IEnumerable<string> args, IDictionary<string, string> environment, string? standardInput = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandRun(process.ExitCode, await output, await error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ConnexDesk.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException("ConnexDesk.slnx not found above " + AppContext.BaseDirectory);
    }
}

public sealed record CommandRun(int ExitCode, string Output, string Error);
