namespace KtPortal.Domain.Common;

/// <summary>The four roles of the portal. A user holds exactly one.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string ClientAdmin = "ClientAdmin";
    public const string ClientUser = "ClientUser";

    public static readonly IReadOnlyList<string> All = [Admin, Staff, ClientAdmin, ClientUser];

    public static bool IsStaffRole(string role) => role is Admin or Staff;

    public static bool IsClientRole(string role) => role is ClientAdmin or ClientUser;

    /// <summary>The role as people read it.</summary>
    public static string Label(string role) => role switch
    {
        ClientAdmin => "Client admin",
        ClientUser => "Client user",
        _ => role,
    };
}
