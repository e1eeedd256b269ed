using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Seeding;

/// <summary>A generated piece of past work: what was asked, and the minutes logged on it, entry by entry.</summary>
public sealed record GeneratedWork(string Family, TicketType Type, int SupportTypeId, string Title, string Description, IReadOnlyList<int> EntryMinutes)
{
    public int LoggedMinutes => EntryMinutes.Sum();
}

/// <summary>
/// Realistic agency history for the demo's closed tickets and the estimator benchmark: kinds of work a web agency
/// sees again and again (a contact form that stopped sending, a landing page, a translation), each with typical
/// hours, worded differently each time. Hours vary around the kind's typical figure (log-normal) and per client
/// (some sites are harder to work on), so similar tickets are informative but never exact. Deterministic per Random.
/// </summary>
public static class TicketHistoryGenerator
{
    private sealed record WorkFamily(string Name, TicketType Type, int SupportTypeId, int TypicalMinutes, string[] Titles, string[] Details);

    private const int Troubleshooting = SupportType.TroubleshootingId;
    private const int WordPress = SupportType.WordPressId;
    private const int HostingDns = 3;
    private const int Email = 4;
    private const int Development = SupportType.DevelopmentId;
    private const int Design = 6;
    private const int Content = 7;
    private const int Seo = 8;

    private static readonly WorkFamily[] Families =
    [
        new("contact-form", TicketType.Troubleshooting, Email, 90,
            ["Contact form not sending e-mails", "Enquiry form stopped delivering messages", "Form submissions never arrive in the inbox", "Contact form e-mails missing since Monday"],
            ["People fill in the contact form but no e-mail reaches us.", "The SMTP settings may have changed after the last update.", "We noticed because a patient called asking why nobody answered their form."]),
        new("ssl", TicketType.Troubleshooting, HostingDns, 60,
            ["SSL certificate warning on the blog", "Browser says the site is not secure", "HTTPS certificate expired on the shop", "Padlock missing on the booking pages"],
            ["Chrome shows a certificate warning on some pages.", "The certificate seems to have expired over the weekend.", "Visitors are scared off by the not secure warning."]),
        new("slow-site", TicketType.Troubleshooting, Troubleshooting, 240,
            ["Site slow on mobile", "Homepage takes ten seconds to load", "Pages very slow after the last update", "Website speed score dropped"],
            ["Loading the homepage on a phone takes far too long.", "Google PageSpeed gives us a red score now.", "Images might be too large, or caching is off."]),
        new("plugin-update", TicketType.Troubleshooting, WordPress, 150,
            ["WordPress update broke the gallery", "Plugin update broke the slider", "White screen after updating plugins", "Theme update broke the menu layout"],
            ["After the automatic update part of the site stopped working.", "The page shows an error where the gallery used to be.", "We did not change anything ourselves."]),
        new("mail-delivery", TicketType.Troubleshooting, Email, 120,
            ["Email bouncing for info@ address", "Our e-mails land in spam", "SPF record rejects our newsletter", "Mail to the office address bounces back"],
            ["Customers tell us our replies go to their spam folder.", "Some messages bounce with a policy error.", "This started after we changed the mail provider."]),
        new("login", TicketType.Troubleshooting, WordPress, 75,
            ["Login loop in the WordPress admin", "Cannot log in to the website admin", "Password reset e-mail never arrives", "Admin login page keeps reloading"],
            ["Logging in sends us straight back to the login page.", "We tried clearing cookies and another browser.", "Nobody on our team can get into the admin."]),
        new("broken-links", TicketType.Troubleshooting, Troubleshooting, 120,
            ["Broken images after hosting move", "404 errors from old blog links", "Missing images on the services page", "Links in the footer go nowhere"],
            ["Several pages show broken images.", "Search Console reports many not found errors.", "The old URLs from our previous site no longer work."]),
        new("backups", TicketType.Troubleshooting, HostingDns, 90,
            ["Backups failing nightly", "Backup plugin reports errors", "No backup since last week", "Backup storage full"],
            ["The nightly backup e-mail says it failed.", "The backup storage may be full.", "We want to be sure we can restore the site."]),
        new("checkout", TicketType.Troubleshooting, Troubleshooting, 300,
            ["Shop checkout fails with PayPal", "Card payments declined at checkout", "Order confirmation e-mails missing", "Checkout page spins forever"],
            ["Customers cannot complete their orders.", "The payment step shows an error after clicking pay.", "We are losing sales every day this continues."]),
        new("security", TicketType.Troubleshooting, WordPress, 360,
            ["Plugin security alert from Wordfence", "Malware warning from Google", "Spam users registering on the site", "Suspicious admin account appeared"],
            ["We got a security alert e-mail this morning.", "There are users we do not recognise.", "Please check whether the site was hacked."]),
        new("dns", TicketType.Troubleshooting, HostingDns, 60,
            ["DNS change for the new mail provider", "Point the domain to the new server", "Add DNS records for Microsoft 365", "Subdomain for the booking system"],
            ["Our new provider gave us records to add.", "Please make the change outside office hours.", "We need this done before the switch on Friday."]),
        new("landing-page", TicketType.ServiceRequest, Development, 480,
            ["Quarterly sale landing page", "New landing page for the spring campaign", "Landing page for the open day", "Campaign landing page with sign-up form"],
            ["We need a page for the campaign with our branding and a form.", "Copy and images will come from our marketing team.", "It should go live two weeks from now."]),
        new("booking", TicketType.ServiceRequest, Development, 360,
            ["Add online booking widget to the homepage", "Integrate the appointment scheduler", "Embed the booking calendar on the contact page", "Online booking for the new clinic"],
            ["Patients should be able to book appointments online.", "We use the scheduling service's embed code.", "It must look right on phones."]),
        new("newsletter", TicketType.ServiceRequest, Development, 180,
            ["Newsletter sign-up integration", "Mailchimp sign-up form in the footer", "Connect the newsletter form to our mailing list", "Newsletter pop-up for new visitors"],
            ["Visitors should be able to subscribe to our newsletter.", "Subscribers must land in our existing list.", "Please add a consent checkbox."]),
        new("translation", TicketType.ServiceRequest, Content, 720,
            ["Add Spanish translation of services pages", "French version of the product pages", "German translation of the whole site", "Second language for the booking pages"],
            ["We have the translated texts in a document.", "Visitors should be able to switch language on every page.", "Menus and forms need translating too."]),
        new("bios", TicketType.ServiceRequest, Content, 120,
            ["New team member bios page", "Add two new staff profiles", "Update the team page photos", "Team page for the new office"],
            ["Photos and short bios are attached.", "Please keep the same layout as the existing profiles.", "Remove the people who have left."]),
        new("content-update", TicketType.ServiceRequest, Content, 60,
            ["Update opening hours for the holidays", "Change prices on the services page", "Replace the homepage banner text", "Update the address in the footer"],
            ["Small text change, details below.", "Please make it live by Friday.", "The new wording is in the attached document."]),
        new("forms", TicketType.ServiceRequest, Development, 300,
            ["Patient intake PDF form", "Online job application form", "Quote request form with file upload", "Fillable PDF registration form"],
            ["We want visitors to fill this in online instead of on paper.", "Submissions should e-mail the office.", "Some fields are required."]),
        new("catalogue", TicketType.ServiceRequest, Development, 420,
            ["New product category pages", "Product comparison table", "Filter products by brand and size", "Collection pages for the new season"],
            ["We are adding a new range to the shop.", "Each category needs its own page and filters.", "Product data is ready in a spreadsheet."]),
        new("compliance", TicketType.ServiceRequest, Development, 150,
            ["Cookie consent banner", "Accessibility fixes for the contact page", "Privacy policy page and consent checkbox", "Cookie settings for analytics"],
            ["We need to comply with the privacy rules.", "The banner must block analytics until consent.", "Please follow the usual accessibility guidelines."]),
        new("design", TicketType.ServiceRequest, Design, 180,
            ["Insurance partners logo strip", "Refresh the homepage hero design", "New icons for the services section", "Partner logos on the about page"],
            ["Logos are attached in a zip.", "It should match our brand colours.", "Keep it clean and simple."]),
        new("reviews", TicketType.ServiceRequest, Development, 270,
            ["Add product reviews", "Customer testimonials carousel", "Show Google reviews on the homepage", "Star ratings on product pages"],
            ["Customers should see what others think.", "Reviews need moderation before they show.", "It must not slow the pages down."]),
        new("export", TicketType.ServiceRequest, Development, 240,
            ["Staff directory export", "Monthly orders export to CSV", "Export newsletter subscribers", "Report of bookings per month"],
            ["Our accountant needs the data every month.", "A CSV file we can open in Excel is fine.", "Only the fields listed below."]),
        new("seo", TicketType.ServiceRequest, Seo, 240,
            ["SEO audit of the blog", "Meta descriptions for all service pages", "Fix duplicate page titles", "Local SEO for the new location"],
            ["We want to rank better for our services.", "Search Console shows several warnings.", "Please send a short report of what you changed."]),
    ];

    /// <summary>How many kinds of work there are (for reports).</summary>
    public static int FamilyCount => Families.Length;

    /// <summary>A per-client factor on hours: most clients near 1, a few notably slower or quicker to work for.</summary>
    public static double ClientFactor(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Exp(Normal(random) * 0.2);
    }

    /// <summary>One piece of work for a client with the given factor.</summary>
    public static GeneratedWork Next(Random random, double clientFactor)
    {
        ArgumentNullException.ThrowIfNull(random);
        var family = Families[random.Next(Families.Length)];
        var title = family.Titles[random.Next(family.Titles.Length)];
        var details = family.Details.OrderBy(_ => random.Next()).Take(1 + random.Next(family.Details.Length)).ToList();
        var description = string.Join(" ", details);

        // Log-normal around the typical figure, times the client's factor, in whole quarter hours.
        var minutes = family.TypicalMinutes * clientFactor * Math.Exp(Normal(random) * 0.3);
        var total = Math.Max(15, (int)Math.Round(minutes / 15, MidpointRounding.AwayFromZero) * 15);
        return new GeneratedWork(family.Name, family.Type, family.SupportTypeId, title, description, Split(total, random));
    }

    /// <summary>Longer jobs are logged over a few sittings.</summary>
    private static List<int> Split(int total, Random random)
    {
        var parts = total <= 120 ? 1 : Math.Min(1 + (total / 180), 4);
        var entries = new List<int>();
        var left = total;
        for (var i = parts; i > 1; i--)
        {
            var share = Math.Max(15, (int)Math.Round(left / (double)i / 15 * (0.7 + (random.NextDouble() * 0.6)), MidpointRounding.AwayFromZero) * 15);
            share = Math.Min(share, left - (15 * (i - 1)));
            entries.Add(share);
            left -= share;
        }

        entries.Add(left);
        return entries;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
