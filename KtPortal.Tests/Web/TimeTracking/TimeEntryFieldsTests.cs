using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Features.TimeTracking;

namespace KtPortal.Tests.Web.TimeTracking;

public sealed class TimeEntryFieldsTests : PortalTestContext
{
    [Fact]
    public void ShouldDropAFieldsMessage_WhenThePersonCorrectsIt_AndKeepTheOthers()
    {
        var errors = new FieldErrors();
        errors.Set(new ValidationFailedException(new Dictionary<string, string[]>
        {
            [nameof(TimeEntryInput.Duration)] = ["Enter a duration such as 1:30, 1.5h or 90m."],
            [nameof(TimeEntryInput.Note)] = ["Note must be at most 2000 characters."],
        }));
        var model = new TimeEntryFormModel { Duration = "soon" };
        var fields = Render<TimeEntryFields>(p => p.Add(f => f.Model, model).Add(f => f.Errors, errors));
        fields.Markup.Should().Contain("Enter a duration");

        fields.Type("time-duration", "1:30");

        model.Duration.Should().Be("1:30");
        errors.Has(nameof(TimeEntryInput.Duration)).Should().BeFalse();
        fields.WaitForAssertion(() => fields.Markup.Should().NotContain("Enter a duration"));
        errors.For(nameof(TimeEntryInput.Note)).Should().Contain("at most", "only the corrected field's message goes");
    }
}
