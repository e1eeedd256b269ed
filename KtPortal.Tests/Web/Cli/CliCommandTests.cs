using KtPortal.Web.Cli;

namespace KtPortal.Tests.Web.Cli;

public sealed class CliCommandTests
{
    [Fact]
    public void ShouldReadTheSeedOptions_AndPassTheRestToTheHost()
    {
        var (command, hostArgs) = CliCommand.Parse(["seed", "--clients", "15", "--tickets", "100000", "--seed", "7", "--urls", "http://x"]);

        command.Should().Be(new SeedCommand(15, 100_000, 7));
        hostArgs.Should().Equal("--urls", "http://x");
    }

    [Theory]
    [InlineData("--clients", "15")]
    [InlineData("--clients", "many", "--tickets", "10")]
    [InlineData("--clients", "15", "--tickets")]
    public void ShouldExplainTheUsage_WhenSeedOptionsAreMissingOrNotNumbers(params string[] options)
    {
        var (command, _) = CliCommand.Parse(["seed", .. options]);

        command.Should().BeOfType<CliCommand.Invalid>().Which.Message.Should().Contain("Usage: seed --clients N --tickets M [--seed S]");
    }

    [Fact]
    public void ShouldRefuseAnUnknownCommand_WithTheUsage()
    {
        var (command, _) = CliCommand.Parse(["frobnicate"]);

        command.Should().BeOfType<CliCommand.Invalid>().Which.Message.Should().Contain("Unknown command 'frobnicate'").And.Contain("seed --clients N");
    }
}
