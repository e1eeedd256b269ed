namespace KtPortal.Web.Security;

/// <summary>
/// Where to go after signing in or out. Only a place inside the portal is followed; anything else (another site,
/// <c>//host</c>, <c>/\host</c>, <c>javascript:</c>, control characters) means the user's home page, so a crafted
/// link can neither send someone off-site nor break the sign-in.
/// </summary>
public static class ReturnUrls
{
    /// <summary>A path relative to the portal's base address (no leading slash), or "" for the home page.</summary>
    public static string ToLocalPath(string? url, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (string.IsNullOrWhiteSpace(url) || url.Any(c => char.IsControl(c) || c == '\\'))
        {
            return string.Empty;
        }

        // Checked before Uri.TryCreate: on Linux "/board" parses as an absolute file: URI.
        if (url.StartsWith('/'))
        {
            return url.StartsWith("//", StringComparison.Ordinal) ? string.Empty : url.TrimStart('/');
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            var sameOrigin = absolute.Scheme is "http" or "https"
                && string.Equals(absolute.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(absolute.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase)
                && absolute.AbsolutePath.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal);
            return sameOrigin ? absolute.PathAndQuery[baseUri.AbsolutePath.Length..] + absolute.Fragment : string.Empty;
        }

        return Uri.IsWellFormedUriString(url, UriKind.Relative) ? url : string.Empty;
    }
}
