namespace KtPortal.Domain.Audit;

/// <summary>What an audit row records. The values are stored and exported; never rename one.</summary>
public static class AuditKinds
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string Lockout = "lockout";
    public const string SignOut = "sign-out";
    public const string PasswordReset = "password-reset";

    public const string PersonInvited = "person-invited";
    public const string InvitationWithdrawn = "invitation-withdrawn";
    public const string PersonDeactivated = "person-deactivated";
    public const string PersonReactivated = "person-reactivated";
    public const string InvoiceAccessChanged = "invoice-access-changed";
    public const string RoleChanged = "role-changed";
    public const string CapacityChanged = "capacity-changed";
    public const string EmailChanged = "email-changed";

    public const string AgencySettingsChanged = "agency-settings-changed";
    public const string PlanTemplateCreated = "plan-template-created";
    public const string PlanTemplateChanged = "plan-template-changed";
    public const string PlanTemplateRemoved = "plan-template-removed";
    public const string SupportTypeChanged = "support-type-changed";
    public const string ServiceLevelsChanged = "service-levels-changed";

    public const string ClientCreated = "client-created";
    public const string ClientChanged = "client-changed";
    public const string PlanCreated = "plan-created";
    public const string PlanChanged = "plan-changed";
    public const string PlanEnded = "plan-ended";
    public const string OverageApproved = "overage-approved";
    public const string OverageHeld = "overage-held";

    public const string InvoiceIssued = "invoice-issued";
    public const string InvoiceVoided = "invoice-voided";
    public const string PaymentRecorded = "payment-recorded";
    public const string PaymentDeleted = "payment-deleted";
    public const string PaymentRefunded = "payment-refunded";
    public const string CreditNoteIssued = "credit-note-issued";

    /// <summary>Every kind with the words people read, in the order a filter lists them.</summary>
    public static readonly IReadOnlyList<(string Kind, string Label)> All =
    [
        (SignIn, "Signed in"),
        (SignInFailed, "Sign-in failed"),
        (Lockout, "Locked out"),
        (SignOut, "Signed out"),
        (PasswordReset, "Password reset by e-mail"),
        (PersonInvited, "Person invited"),
        (InvitationWithdrawn, "Invitation withdrawn"),
        (PersonDeactivated, "Person deactivated"),
        (PersonReactivated, "Person reactivated"),
        (InvoiceAccessChanged, "Invoice access changed"),
        (RoleChanged, "Role changed"),
        (CapacityChanged, "Weekly capacity changed"),
        (EmailChanged, "E-mail address changed"),
        (AgencySettingsChanged, "Agency settings changed"),
        (PlanTemplateCreated, "Plan template created"),
        (PlanTemplateChanged, "Plan template changed"),
        (PlanTemplateRemoved, "Plan template removed"),
        (SupportTypeChanged, "Support type added or changed"),
        (ServiceLevelsChanged, "Service levels or business hours changed"),
        (ClientCreated, "Client created"),
        (ClientChanged, "Client or rates changed"),
        (PlanCreated, "Plan created"),
        (PlanChanged, "Plan changed"),
        (PlanEnded, "Plan ended"),
        (OverageApproved, "Overage approved"),
        (OverageHeld, "Overage held"),
        (InvoiceIssued, "Invoice issued"),
        (InvoiceVoided, "Invoice voided"),
        (PaymentRecorded, "Payment recorded"),
        (PaymentDeleted, "Payment deleted"),
        (PaymentRefunded, "Payment refunded"),
        (CreditNoteIssued, "Credit note issued"),
    ];

    /// <summary>What a client's admins may read about their own client: its people, plan, rates and invoices.</summary>
    public static readonly IReadOnlySet<string> VisibleToClientAdmins = new HashSet<string>(StringComparer.Ordinal)
    {
        PersonInvited, InvitationWithdrawn, PersonDeactivated, PersonReactivated, InvoiceAccessChanged, EmailChanged,
        ClientChanged, PlanCreated, PlanChanged, PlanEnded, OverageApproved, OverageHeld, InvoiceIssued, InvoiceVoided, PaymentRecorded, PaymentDeleted,
        PaymentRefunded, CreditNoteIssued,
    };

    public static string Label(string kind) => All.FirstOrDefault(k => k.Kind == kind).Label ?? kind;

    public static bool IsKnown(string? kind) => kind is not null && All.Any(k => k.Kind == kind);
}
