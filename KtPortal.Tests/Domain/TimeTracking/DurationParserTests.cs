using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.TimeTracking;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("1:30", 90)]
    [InlineData("0:15", 15)]
    [InlineData("1.5h", 90)]
    [InlineData("1,5 h", 90)]
    [InlineData("90m", 90)]
    [InlineData("90 min", 90)]
    [InlineData("1h 30m", 90)]
    [InlineData("2 hours", 120)]
    [InlineData("2", 120)]
    [InlineData("0.25", 15)]
    [InlineData(" 24h ", 1440)]
    [InlineData("0.01h", 1)]
    public void ShouldReadTheWaysStaffTypeDurations(string text, int expected)
    {
        DurationParser.TryParse(text, out var minutes, out var error).Should().BeTrue(error);
        minutes.Should().Be(expected);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("abc", "is not a duration")]
    [InlineData("1:75", "0–59")]
    [InlineData("-1h", "is not a duration")]
    [InlineData("0m", "1 minute to 24 hours")]
    [InlineData("25h", "1 minute to 24 hours")]
    [InlineData("1441m", "1 minute to 24 hours")]
    [InlineData("1h 2h", "is not a duration")]
    public void ShouldRefuseAnythingElse_WithAMessage(string text, string message)
    {
        DurationParser.TryParse(text, out var minutes, out var error).Should().BeFalse();
        minutes.Should().Be(0);
        error.Should().Contain(message);
    }
}
