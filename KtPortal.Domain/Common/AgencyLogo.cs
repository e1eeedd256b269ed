namespace KtPortal.Domain.Common;

/// <summary>
/// An uploaded logo: kept by Settings, read by Invoices, so it lives down here. Never changed or removed: an issued
/// invoice names the logo it was issued with, and each has its own address, so browsers and mail clients cache it for good.
/// </summary>
public sealed class AgencyLogo
{
    public int Id { get; set; }

    public byte[] Content { get; set; } = [];

    /// <summary>image/png or image/jpeg.</summary>
    public string ContentType { get; set; } = string.Empty;

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}
