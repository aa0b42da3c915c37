using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConnexDesk.Tests.Support;

/// <summary>Drives the server-rendered pages as a browser without JavaScript would: GET the form, POST it back with its antiforgery token.</summary>
public static partial class Forms
{
    public static HttpClient Client(this DeskFactory desk) =>
        // HTTPS, as in production: the desk's cookies are Secure and a cookie container sends them over HTTPS only.
        desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields) =>
        client.PostFormAsync(url, url, fields);

    /// <summary>Posts a form found on <paramref name="pageUrl"/> to <paramref name="actionUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string actionUrl, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(client, pageUrl) };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(actionUrl, content);
    }

    /// <summary>Posts a form with a file (multipart/form-data), as a browser does for an upload.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string pageUrl, string actionUrl, IDictionary<string, string> fields, string fileField, string fileName, byte[] file)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client, pageUrl)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), fileField, fileName },
        };
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        return await client.PostAsync(actionUrl, content);
    }

    /// <summary>The antiforgery token of the form on <paramref name="pageUrl"/>.</summary>
    private static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(pageUrl));
        Assert.True(token.Success, $"No antiforgery token in the form at {pageUrl}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<HttpClient> SignedInClientAsync(this DeskFactory desk, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = desk.Client();
        var response = await client.SignInAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/sign-in", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        return client;
    }

    /// <summary>Signs in as a person would: the password, then, when asked, the code of their authenticator app.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var response = await client.SignInAsync(user.Email, user.Password);
        var next = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || !next.StartsWith("/sign-in/two-factor", StringComparison.Ordinal))
            return response;
        return await client.PostFormAsync(next, next, new Dictionary<string, string> { ["code"] = user.AuthenticatorCode() });
    }

    public static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
