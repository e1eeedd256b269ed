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

    [Fact]
    public void ShouldReadBillingRun_WithAnInstantThatSaysItsOffset()
    {
        var (command, hostArgs) = CliCommand.Parse(["billing", "run", "--as-of", "2026-12-01T00:00:00Z", "--environment", "Production"]);

        command.Should().Be(new BillingRunCommand(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        hostArgs.Should().Equal("--environment", "Production");
        CliCommand.Parse(["billing", "run"]).Command.Should().Be(new BillingRunCommand(null));
        CliCommand.Parse(["billing", "run", "--as-of", "2026-12-01T00:00:00-05:00"]).Command
            .Should().Be(new BillingRunCommand(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("run", "--as-of")]
    [InlineData("run", "--as-of", "2026-12-01")]
    [InlineData("run", "--as-of", "tomorrow")]
    [InlineData("run", "--as-of", "2026-13-01T00:00:00Z")]
    [InlineData("start")]
    public void ShouldExplainBillingRun_WhenItsOptionsAreWrong(params string[] options)
    {
        var (command, _) = CliCommand.Parse(["billing", .. options]);

        command.Should().BeOfType<CliCommand.Invalid>().Which.Message.Should().Contain("billing run [--as-of 2026-12-01T00:00:00Z]");
    }

    [Fact]
    public void ShouldReadBackup_WithItsFile_AndExplainItWithout()
    {
        var (command, hostArgs) = CliCommand.Parse(["backup", "/var/backups/kt.db", "--environment", "Production"]);

        command.Should().Be(new BackupCommand("/var/backups/kt.db"));
        hostArgs.Should().Equal("--environment", "Production");
        CliCommand.Parse(["backup"]).Command.Should().BeOfType<CliCommand.Invalid>().Which.Message.Should().Contain("Usage: backup FILE");
        CliCommand.Parse(["backup", "--environment", "Production"]).Command.Should().BeOfType<CliCommand.Invalid>();
    }

    [Fact]
    public void ShouldReadSeedWithPlans_AndBillingCheck()
    {
        CliCommand.Parse(["seed", "--clients", "2000", "--tickets", "20000", "--plans"]).Command.Should().Be(new SeedCommand(2000, 20_000, 1, Plans: true));
        var (check, hostArgs) = CliCommand.Parse(["billing", "check", "--environment", "Production"]);
        check.Should().Be(new BillingCheckCommand());
        hostArgs.Should().Equal("--environment", "Production");
    }
}
