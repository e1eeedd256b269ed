using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>Who an invoice change is recorded against (staff, or the system for the billing run and Stripe), and the trail it goes to.</summary>
internal readonly record struct ActedBy(AuditTrail Audit, Actor Actor);
