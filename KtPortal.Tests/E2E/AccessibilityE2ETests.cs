using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using KtPortal.Domain.Seeding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Every routable page, as every role that may open it, at a phone's 375 × 812 and a laptop's 1440 × 900, in light and
/// dark: axe-core (WCAG 2.x A/AA rules) finds no serious or critical violation and nothing overflows sideways. The
/// demo data is there, plus a ticket whose title is one 200-character word. The report (page, role, viewport, theme,
/// rule, impact, count) and a screenshot of every page at both widths are written under TestResults/e2e.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AccessibilityE2ETests(PortalAppFixture app)
{
    public static readonly string ReportDirectory =
        Directory.CreateDirectory(Path.Combine(PortalAppFixture.ArtifactsDirectory, "accessibility")).FullName;

    private static readonly (string Name, int Width, int Height)[] Viewports = [("phone", 375, 812), ("desktop", 1440, 900)];
    private static readonly ColorScheme[] Schemes = [ColorScheme.Light, ColorScheme.Dark];
    private static readonly string LongWord = string.Concat(Enumerable.Repeat("averyveryverylongword", 10))[..200];
    private static readonly SemaphoreSlim LongTicketGate = new(1, 1);
    private static string? CreatedLongTicket;

    /// <summary>axe-core as Deque's package ships it, loaded into every page of a context before the portal's own scripts
    /// (so once per page load, not re-sent for each check; the content security policy does not apply to it).</summary>
    private static readonly string AxeSource = ReadAxeSource();

    /// <summary>Axe's WCAG rules (2.0, 2.1 and 2.2, levels A and AA) and its best practices; violations only (passes are
    /// what makes a full run slow).</summary>
    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }));
        }
        """;

    public static TheoryData<string> Roles() => ["anonymous", "Admin", "Staff", "ClientAdmin", "ClientUser"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ShouldFindNoSeriousViolationAndNoSidewaysScroll_OnEveryPageTheRoleMayOpen(string role)
    {
        var longTicket = await LongTitleTicketAsync();
        var routes = RoutesFor(role);
        var findings = new List<Finding>();
        var failures = new List<string>();

        foreach (var viewport in Viewports)
        {
            foreach (var scheme in Schemes)
            {
                var page = await NewPageAsync(viewport.Width, viewport.Height, scheme);
                if (EmailOf(role) is { } email)
                {
                    await PortalAppFixture.SignInAsync(page, email);
                }

                foreach (var path in await PathsAsync(page, routes, longTicket, role))
                {
                    if (path.StartsWith('!'))
                    {
                        findings.Add(new Finding(path[1..], role, viewport.Name, Theme(scheme), "(not reached: nothing of this kind is visible to the role)", "-", 0));
                        continue;
                    }

                    await OpenAsync(page, path);
                    var violations = await AxeAsync(page);
                    foreach (var violation in violations)
                    {
                        findings.Add(new Finding(path, role, viewport.Name, Theme(scheme), violation.Id, violation.Impact ?? "-", violation.Nodes.Count));
                        if (violation.Impact is "serious" or "critical")
                        {
                            failures.Add($"{path} ({role}, {viewport.Name}, {Theme(scheme)}): {violation.Id} [{violation.Impact}] × {violation.Nodes.Count}: " +
                                string.Join(" | ", violation.Nodes.Take(3)));
                        }
                    }

                    var overflow = await SidewaysOverflowAsync(page) ?? await PartScrollingSidewaysAsync(page);
                    if (overflow is not null)
                    {
                        findings.Add(new Finding(path, role, viewport.Name, Theme(scheme), "horizontal-overflow", "serious", 1));
                        failures.Add($"{path} ({role}, {viewport.Name}, {Theme(scheme)}): scrolls sideways: {overflow}");
                    }

                    if (scheme == ColorScheme.Light)
                    {
                        await page.ScreenshotAsync(new() { Path = ScreenshotPath(role, viewport.Name, path), FullPage = true });
                    }
                }

                await page.Context.CloseAsync();
            }
        }

        await WriteReportAsync(role, findings);
        await File.WriteAllLinesAsync(Path.Combine(ReportDirectory, $"{role}-failures.txt"), failures);
        string.Join(Environment.NewLine, failures).Should().BeEmpty($"every page passes axe's serious and critical rules and fits its width (report: {ReportDirectory})");
    }

    /// <summary>A demo ticket with time in the current period (DemoTimeSeeder): 6 h of WordPress work on Acme's plan.</summary>
    private const string TicketWithTime = "KT-1001";

    /// <summary>Every [Route] of the web project that the role may open, read from the components' attributes.</summary>
    public static IReadOnlyList<string> RoutesFor(string role)
    {
        var pages = typeof(KtPortal.Web.Security.CurrentActor).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Where(p => !SkippedRoutes.Contains(p.Template))
            .ToList();
        return pages
            .Where(p => MayOpen(role, p.Type))
            .Select(p => p.Template)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Pages that only exist in the middle of a flow, or that redirect at once: they are reached (and checked)
    /// through the flow's own pages, not by typing their address.</summary>
    private static readonly HashSet<string> SkippedRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        "/", // redirects to the role's start page, which is checked
        "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", // only during a 2FA sign-in
        "/Account/AcceptInvitation", // needs an invitation token
        "/Account/Manage/Disable2fa", "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/ResetAuthenticator", // 2FA already on
        "/Error", // the developer exception path
    };

    private static bool MayOpen(string role, Type page)
    {
        var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
        var anonymous = page.GetCustomAttributes<AllowAnonymousAttribute>(inherit: true).Any();
        if (authorize.Count == 0 || anonymous)
        {
            // Open pages: the sign-in pages are for the anonymous; everyone gets the rest.
            return role == "anonymous" || !page.Namespace!.Contains(".Account.Pages", StringComparison.Ordinal) || page.Name is "AccessDenied" or "InvalidUser";
        }

        if (role == "anonymous")
        {
            return false;
        }

        return authorize.All(a => a.Policy switch
        {
            null => true,
            KtPortal.Web.Security.Policies.Admin => role == "Admin",
            KtPortal.Web.Security.Policies.Staff => role is "Admin" or "Staff",
            KtPortal.Web.Security.Policies.ClientAdmin => role == "ClientAdmin",
            KtPortal.Web.Security.Policies.ClientUser => role is "ClientAdmin" or "ClientUser",
            _ => throw new InvalidOperationException($"Unknown policy {a.Policy} on {page.Name}: say who may open it here."),
        });
    }

    private static string? EmailOf(string role) => role switch
    {
        "Admin" => DemoData.AdminEmail,
        "Staff" => DemoData.StaffEmail,
        "ClientAdmin" => DemoData.AliceEmail,
        "ClientUser" => DemoData.CarolEmail,
        _ => null,
    };

    private static string Theme(ColorScheme scheme) => scheme == ColorScheme.Dark ? "dark" : "light";

    private async Task<IPage> NewPageAsync(int width, int height, ColorScheme scheme)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
        });
        context.SetDefaultTimeout(15_000);
        await AddAxeAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>Every page the context opens from now on carries axe, with transitions off (see below).</summary>
    internal static async Task AddAxeAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.AddInitScriptAsync(AxeSource);
        // The theme switches to dark once the circuit connects, with MudBlazor's colour transitions: axe must measure the
        // colours at rest, not half-way through a 250 ms fade.
        await context.AddInitScriptAsync("""
            document.addEventListener('DOMContentLoaded', () => {
              const style = document.createElement('style');
              style.textContent = '*, *::before, *::after { transition: none !important; animation-duration: 0s !important; }';
              document.head.appendChild(style);
            });
            """);
    }

    private static string ReadAxeSource()
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("Deque.AxeCore.Commons no longer embeds axe.min.js where this test looks.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// For a browser test that reaches a state the sweep cannot (a question open on a dashboard): axe on the page as it
    /// is, with the sweep's rules, and no serious or critical violation. The page's context needs <see cref="AddAxeAsync"/>.
    /// </summary>
    internal static async Task ExpectNoSeriousViolationsAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var serious = (await AxeAsync(page)).Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} [{v.Impact}] × {v.Nodes.Count}: {string.Join(" | ", v.Nodes.Take(3))}");
        serious.Should().BeEmpty($"the {what} passes axe's serious and critical rules");
    }

    /// <summary>Runs axe on the page; a page that navigates while it runs (a redirect after load) is checked again where it lands.</summary>
    private static async Task<IReadOnlyList<Violation>> AxeAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var json = await page.EvaluateAsync<JsonElement>(RunAxe);
                return json.Deserialize<List<Violation>>(JsonOptions)!;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Loads the page and waits until it is interactive and its data has arrived (no loading bar left).</summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        try
        {
            await page.GotoAsync(path);
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
        {
            // The page before it was still navigating on its own (a redirect after load): go again.
            await page.GotoAsync(path);
        }

        if (await page.Locator("[data-testid=shell]").CountAsync() > 0)
        {
            await PortalAppFixture.WaitForInteractiveAsync(page);
        }

        try
        {
            await page.Locator(".mud-progress-indeterminate").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // A page that keeps a bar (a long-running import) is still checked as it is.
        }
    }

    /// <summary>
    /// The addresses to check for the routes: each template's concrete address as the role sees it ("!template" when the
    /// role sees nothing of that kind), and for a ticket also one with time logged and billed, whose panels (time
    /// entries, billing periods) hold the widest tables of the ticket page.
    /// </summary>
    private static async Task<List<string>> PathsAsync(IPage page, IReadOnlyList<string> routes, string longTicket, string role)
    {
        var paths = new List<string>();
        foreach (var template in routes)
        {
            paths.Add(await ResolveAsync(page, template, longTicket, role) ?? "!" + template);
            if (template == "/tickets/{Number}")
            {
                await OpenAsync(page, $"/tickets/{TicketWithTime}");
                if (await page.GetByTestId("not-found").CountAsync() == 0)
                {
                    paths.Add($"/tickets/{TicketWithTime}");
                }
            }
        }

        return paths;
    }

    /// <summary>The concrete address for a route template, seen the way the role sees it; null when the role sees nothing of that kind.</summary>
    private static async Task<string?> ResolveAsync(IPage page, string template, string longTicket, string role)
    {
        switch (template)
        {
            case "/tickets/{Number}":
                // The long-titled ticket where the role may see it (a client user sees only the tickets they are on).
                await OpenAsync(page, $"/tickets/{longTicket}");
                if (await page.GetByTestId("not-found").CountAsync() == 0)
                {
                    return $"/tickets/{longTicket}";
                }

                await OpenAsync(page, "/tickets");
                var ticket = page.GetByTestId("ticket-link").First;
                return await ticket.CountAsync() == 0 ? null : $"/tickets/{(await ticket.InnerTextAsync()).Trim()}";
            case "/clients/{Id:int}":
                await OpenAsync(page, "/clients");
                return await page.GetByTestId("client-link").First.GetAttributeAsync("href");
            case "/invoices/{Id:int}":
                await OpenAsync(page, "/invoices");
                var invoice = page.GetByTestId("invoice-link").First;
                return await invoice.CountAsync() == 0 ? null : $"/invoices/{await invoice.GetAttributeAsync("data-invoice-id")}";
            case "/clients/{Id:int}/statement":
                // Clients reach their own from the dashboard (when they may see billing); staff from the client's page.
                if (role.StartsWith("Client", StringComparison.Ordinal))
                {
                    await OpenAsync(page, "/dashboard");
                    var own = page.GetByTestId("recent-invoices-statement");
                    return await own.CountAsync() == 0 ? null : await own.GetAttributeAsync("href");
                }

                await OpenAsync(page, "/clients");
                var client = page.GetByTestId("client-link").First;
                return await client.CountAsync() == 0 ? null : $"{await client.GetAttributeAsync("href")}/statement";
            case "/credit-notes/{Id:int}":
                await OpenAsync(page, "/credit-notes");
                var note = page.GetByTestId("credit-note-row").Locator("a").First;
                return await note.CountAsync() == 0 ? null : await note.GetAttributeAsync("href");
            case "/email/outbox/{Id:long}":
                await OpenAsync(page, "/email/outbox");
                var message = page.GetByTestId("outbox-open").First;
                return await message.CountAsync() == 0 ? null : await message.GetAttributeAsync("href");
            case "/search":
                // With results: "page" is a word in both demo clients' ticket titles.
                return "/search?q=page";
            case "/invoices/{Id:int}/edit":
                await OpenAsync(page, "/invoices");
                var draft = page.Locator("tr:has([data-testid=invoice-status][data-status=Draft]) [data-testid=invoice-link]").First;
                return await draft.CountAsync() == 0 ? null : $"/invoices/{await draft.GetAttributeAsync("data-invoice-id")}/edit";
            default:
                return template.Contains('{', StringComparison.Ordinal)
                    ? throw new InvalidOperationException($"Say how to reach {template} in {nameof(ResolveAsync)}.")
                    : template;
        }
    }

    /// <summary>Null when the page fits its width; else how far it overflows and the widest element that does.</summary>
    private static Task<string?> SidewaysOverflowAsync(IPage page) => page.EvaluateAsync<string?>("""
        () => {
          const root = document.documentElement;
          const over = root.scrollWidth - root.clientWidth;
          if (over <= 1) return null;
          let worst = null, right = 0;
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.right > right + 0.5 && r.width > 0) { right = r.right; worst = e; }
          }
          const name = worst ? worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : '') + (worst.className && typeof worst.className === 'string' ? '.' + worst.className.trim().split(/\s+/).slice(0, 3).join('.') : '') : '?';
          return `${over}px wider than the viewport; widest: ${name} (right edge ${Math.round(right)}px)`;
        }
        """);

    /// <summary>
    /// Null when no part of the page scrolls sideways inside itself (a table cutting columns off, "Billin", "Overa", with
    /// only a scroll bar as a cue); else the first such part and by how much.
    /// </summary>
    private static Task<string?> PartScrollingSidewaysAsync(IPage page) => page.EvaluateAsync<string?>("""
        () => {
          for (const e of document.body.querySelectorAll('*')) {
            const style = getComputedStyle(e);
            if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') continue;
            const over = e.scrollWidth - e.clientWidth;
            if (over <= 1 || e.clientWidth === 0) continue;
            const name = e.tagName.toLowerCase() + (e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : '')
              + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).slice(0, 3).join('.') : '');
            const owner = e.closest('[data-testid]');
            return `${name}${owner && owner !== e ? ' in [data-testid=' + owner.dataset.testid + ']' : ''} scrolls ${over}px sideways inside the page`;
          }
          return null;
        }
        """);

    /// <summary>Alice raises (once per run) the ticket whose title is one 200-character word.</summary>
    private async Task<string> LongTitleTicketAsync()
    {
        await LongTicketGate.WaitAsync();
        try
        {
            if (CreatedLongTicket is not null)
            {
                return CreatedLongTicket;
            }

            var page = await app.NewPageAsync();
            await PortalAppFixture.SignInAsync(page, DemoData.AliceEmail);
            await OpenAsync(page, "/tickets/new");
            await PortalAppFixture.Field(page, "ticket-new-title").FillAsync(LongWord);
            await PortalAppFixture.Field(page, "ticket-new-description").FillAsync($"A link pasted as the title: {LongWord}");
            await page.GetByTestId("ticket-new-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/tickets/KT-", StringComparison.Ordinal));
            CreatedLongTicket = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await page.Context.CloseAsync();
            return CreatedLongTicket;
        }
        finally
        {
            LongTicketGate.Release();
        }
    }

    private static string ScreenshotPath(string role, string viewport, string path)
    {
        var slug = new string(path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        var folder = Directory.CreateDirectory(Path.Combine(PortalAppFixture.ArtifactsDirectory, "pages", viewport)).FullName;
        return Path.Combine(folder, $"{role}-{(slug.Length == 0 ? "home" : slug)}.png");
    }

    private static async Task WriteReportAsync(string role, IEnumerable<Finding> findings)
    {
        var csv = new StringBuilder("page,role,viewport,theme,rule,impact,count\n");
        foreach (var f in findings)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{f.Page},{f.Role},{f.Viewport},{f.Theme},{f.Rule},{f.Impact},{f.Count}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(ReportDirectory, $"{role}.csv"), csv.ToString());
    }

    private sealed record Violation(string Id, string? Impact, List<string> Nodes);

    private sealed record Finding(string Page, string Role, string Viewport, string Theme, string Rule, string Impact, int Count);
}

/// <summary>The accessibility sweep has its own portal, so it runs beside the other browser tests instead of after them.</summary>
[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<PortalAppFixture>
{
    public const string Name = "Accessibility";
}
