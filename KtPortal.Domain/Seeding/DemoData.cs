namespace KtPortal.Domain.Seeding;

/// <summary>The demo logins of docs/contracts.md; tests and the start-up banner read them from here.</summary>
public static class DemoData
{
    public const string Password = "Demo123!";

    public const string AdminEmail = "admin@ktportal.test";
    public const string StaffEmail = "staff@ktportal.test";
    public const string AliceEmail = "alice@acme.test";
    public const string CarolEmail = "carol@acme.test";
    public const string BobEmail = "bob@birch.test";

    public const string AcmeName = "Acme Dental";
    public const string BirchName = "Birch & Co";

    public static readonly IReadOnlyList<(string Email, string Role, string Client)> Logins =
    [
        (AdminEmail, "Admin", ""),
        (StaffEmail, "Staff", ""),
        (AliceEmail, "ClientAdmin", AcmeName),
        (CarolEmail, "ClientUser", AcmeName),
        (BobEmail, "ClientAdmin", BirchName),
    ];
}
