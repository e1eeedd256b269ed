using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KtPortal.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>The domain services; each feature adds its own line here.</summary>
    public static IServiceCollection AddKtPortalDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<RoleSeeder>();
        services.AddScoped<DemoDataSeeder>();

        services.AddScoped<ClientService>();
        services.AddScoped<ClientQueries>();
        services.AddScoped<InvitationService>();
        services.AddScoped<UserAccountService>();
        services.AddScoped<TicketQueries>();
        services.AddScoped<TicketService>();
        services.AddScoped<TicketConversationService>();
        services.AddScoped<TicketAttachmentWriter>();
        services.TryAddSingleton<IAttachmentStore, FileSystemAttachmentStore>();
        services.TryAddSingleton(new AttachmentStoreRoot(AppContext.BaseDirectory));
        services.AddOptions<AttachmentOptions>();
        services.AddScoped<SupportTypeQueries>();
        services.AddScoped<SupportTypeService>();
        services.AddScoped<BulkDataSeeder>();
        return services;
    }
}
