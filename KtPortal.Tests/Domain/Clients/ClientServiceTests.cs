using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Clients;

public sealed class ClientServiceTests : DomainTestBase
{
    private static ClientInput Valid(string name = "Acme Dental") => new(name, "billing@acme.test", 120_00, 95_00, 825, 30);

    [Fact]
    public async Task ShouldStoreTheRateCard_WhenStaffCreatesAClient()
    {
        var id = await Host.WithAsync<ClientService, int>(s => s.CreateAsync(DomainTestHost.StaffActor, Valid()));

        var client = await Host.WithAsync<ClientQueries, ClientDetails?>(q => q.GetAsync(DomainTestHost.StaffActor, id));
        client.Should().BeEquivalentTo(new
        {
            Name = "Acme Dental",
            BillingEmail = "billing@acme.test",
            DevelopmentRateMinor = 120_00L,
            SupportRateMinor = 95_00L,
            TaxRateBasisPoints = 825,
            PaymentTermsDays = 30,
        });
    }

    [Fact]
    public async Task ShouldReportEveryBadFieldAndSaveNothing_WhenInputIsInvalid()
    {
        var bad = new ClientInput(" ", "not-an-email", -1, ClientService.MaxRateMinor + 1, 10_001, 400);

        var act = () => Host.WithAsync<ClientService, int>(s => s.CreateAsync(DomainTestHost.StaffActor, bad));

        var error = (await act.Should().ThrowAsync<ValidationFailedException>()).Which;
        error.Errors.Keys.Should().BeEquivalentTo(
            nameof(ClientInput.Name), nameof(ClientInput.BillingEmail), nameof(ClientInput.DevelopmentRateMinor),
            nameof(ClientInput.SupportRateMinor), nameof(ClientInput.TaxRateBasisPoints), nameof(ClientInput.PaymentTermsDays));
        await using var db = await Host.OpenDbAsync();
        db.Clients.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRefuseADuplicateName_WhenOnlyTheCaseDiffers()
    {
        await Host.CreateClientAsync("Acme Dental");

        var act = () => Host.WithAsync<ClientService, int>(s => s.CreateAsync(DomainTestHost.StaffActor, Valid("ACME DENTAL")));

        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey(nameof(ClientInput.Name));
    }

    [Fact]
    public async Task ShouldRefuse_WhenAClientUserTriesToCreateOrEditClients()
    {
        var id = await Host.CreateClientAsync("Acme Dental");
        var alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, id);

        var create = () => Host.WithAsync<ClientService, int>(s => s.CreateAsync(alice, Valid("Other")));
        var edit = () => Host.WithAsync<ClientService, Guid>(s => s.UpdateAsync(alice, id, Valid("Renamed"), Guid.Empty));

        await create.Should().ThrowAsync<ForbiddenException>();
        await edit.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldRefuseTheSecondSave_WhenTwoPeopleEditTheSameClient()
    {
        var id = await Host.CreateClientAsync("Acme Dental");
        var read = await Host.WithAsync<ClientQueries, ClientDetails?>(q => q.GetAsync(DomainTestHost.StaffActor, id));

        await Host.WithAsync<ClientService, Guid>(s => s.UpdateAsync(DomainTestHost.StaffActor, id, Valid("First edit"), read!.ConcurrencyStamp));
        var second = () => Host.WithAsync<ClientService, Guid>(s => s.UpdateAsync(DomainTestHost.StaffActor, id, Valid("Second edit"), read!.ConcurrencyStamp));

        await second.Should().ThrowAsync<ConcurrencyConflictException>();
        var now = await Host.WithAsync<ClientQueries, ClientDetails?>(q => q.GetAsync(DomainTestHost.StaffActor, id));
        now!.Name.Should().Be("First edit");
    }

    [Fact]
    public async Task ShouldPublishAClientChange_WhenAClientIsSaved()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<PortalChange>();
        using var subscription = Host.Get<IChangeNotifier>().Subscribe(DomainTestHost.StaffActor, c => { seen.Enqueue(c); return Task.CompletedTask; });

        var id = await Host.CreateClientAsync("Acme Dental");

        await Eventually.TrueAsync(() => !seen.IsEmpty, "the change is delivered");
        seen.Should().ContainSingle().Which.Should().Be(new PortalChange(PortalChange.Topics.Client, id.ToString(System.Globalization.CultureInfo.InvariantCulture), id));
    }
}
