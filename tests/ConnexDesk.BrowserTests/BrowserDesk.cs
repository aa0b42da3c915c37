using ConnexDesk.Data;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>
/// The demo desk on a real Kestrel port, and Debian's Chromium driven by Playwright. Playwright never downloads a
/// browser here: it is pointed at /usr/bin/chromium (or CONNEXDESK_CHROMIUM), and a missing browser fails the run.
/// </summary>
public sealed class BrowserDesk : IAsyncLifetime
{
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public DeskFactory Desk { get; } = new(DatabaseProvider.Sqlite, environment: "Development") { OnRealPort = true };
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Desk.ServerAddress;

    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("CONNEXDESK_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(DeskProcess.RepositoryRoot, "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        await Desk.InitializeAsync();
        await Desk.InScopeAsync(services => services.GetRequiredService<DemoData>().SeedAsync());
        var chromium = Environment.GetEnvironmentVariable("CONNEXDESK_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. Install Debian's chromium package (./test.sh does it when run as root).");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArguments,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        // A cold first navigation on a loaded 2-core CI machine can take longer than Playwright's 30 s default.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in through the sign-in page, landed on the desk (a focal point's desk is the portal).</summary>
    public async Task<IPage> SignedInAsync(string email, string password = DemoData.Password)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, email, password);
        try
        {
            // The document is what the test reads; waiting for every subresource's load event only adds a way to time out on a busy machine.
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/(desk|portal)$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException)
        {
            // Leave evidence: where the browser was and what it showed.
            await ScreenshotAsync(page, "failed-sign-in-" + email.Split('@')[0]);
            throw new TimeoutException($"Signing in as {email} did not reach its desk; the browser is at {page.Url} showing: {await page.Locator("main").InnerTextAsync()}");
        }
        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        Playwright?.Dispose();
        await ((IAsyncLifetime)Desk).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserDesk>
{
    public const string Name = "Browser";
}
