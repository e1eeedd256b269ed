using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KtPortal.Domain.Accounts;

/// <summary>Random, URL-safe invitation tokens and the hash that is stored instead of them.</summary>
internal static class InvitationToken
{
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
