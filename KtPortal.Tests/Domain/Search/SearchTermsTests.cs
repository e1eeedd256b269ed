using KtPortal.Domain.Tickets.Search;

namespace KtPortal.Tests.Domain.Search;

/// <summary>What a person types becomes quoted words: no syntax of either index can be typed in.</summary>
public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("checkout", "\"checkout\"*")]
    [InlineData("checkout ", "\"checkout\"")]
    [InlineData("Checkout Page", "\"checkout\" AND \"page\"*")]
    [InlineData("e-mail", "\"e\" AND \"mail\"*")]
    [InlineData("100%", "\"100\"")]
    [InlineData("go", "\"go\"")]
    [InlineData("\"quoted\" OR NEAR(x y) title:*", "\"quoted\" AND \"or\" AND \"near\" AND \"x\" AND \"y\" AND \"title\"")]
    [InlineData("Café crème", "\"café\" AND \"crème\"*")]
    public void ShouldQuoteEveryWord_AndTreatTheLastAsAPrefixWhileItIsTyped(string typed, string fts5)
    {
        SearchTerms.Parse(typed).ToFts5Query().Should().Be(fts5);
    }

    [Fact]
    public void ShouldWriteTheSameWordsForSqlServer()
    {
        SearchTerms.Parse("Contact form").ToSqlServerQuery().Should().Be("\"contact\" AND \"form*\"");
        SearchTerms.Parse("it's \"down\"").ToSqlServerQuery().Should().Be("\"it\" AND \"s\" AND \"down\"");
    }

    [Theory]
    [InlineData("KT-1042", 1042)]
    [InlineData("kt 1042", 1042)]
    [InlineData("#1042", 1042)]
    [InlineData("1042", 1042)]
    [InlineData("KT-", null)]
    [InlineData("-5", null)]
    [InlineData("1042 broken", null)]
    public void ShouldReadTicketNumbers(string typed, int? number)
    {
        SearchTerms.Parse(typed).TicketNumber.Should().Be(number);
    }

    [Fact]
    public void ShouldBeEmpty_ForNothingButPunctuation()
    {
        SearchTerms.Parse("  *?!  ").IsEmpty.Should().BeTrue();
        SearchTerms.Parse(null).IsEmpty.Should().BeTrue();
        SearchTerms.Parse("").ToFts5Query().Should().BeEmpty();
    }

    [Fact]
    public void ShouldBoundWordsAndTheirLength()
    {
        var many = SearchTerms.Parse(string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i}")));
        many.Words.Should().HaveCount(SearchTerms.MaxWords);
        many.LastIsPrefix.Should().BeFalse("the word cut off is not the one being typed");

        SearchTerms.Parse(new string('a', 500)).Words.Single().Should().HaveLength(SearchTerms.MaxWordLength);
    }

    [Fact]
    public void ShouldCutAnExcerptAroundTheFirstWordFound()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler", 60)) + "\n\nThe  router was replaced. " + string.Join(' ', Enumerable.Repeat("more", 60));

        var excerpt = SearchExcerpt.Around(text, ["router"]);

        excerpt.Should().Contain("The router was replaced.").And.StartWith("…").And.EndWith("…");
        excerpt.Length.Should().BeLessThanOrEqualTo(SearchExcerpt.Length + 2);
        SearchExcerpt.Around("Short text", ["absent"]).Should().Be("Short text");
    }

    [Fact]
    public void ShouldRankTitleWordsAboveDescriptionWords_AndRepliesBelowBoth()
    {
        var terms = SearchTerms.Parse("cache ");

        var title = SearchRanking.OfTicket(terms, "Cache plugin warning", "Shown on every page.");
        var description = SearchRanking.OfTicket(terms, "Homepage banner", "The cache plugin shows a warning.");
        var reply = SearchRanking.OfReply(terms, "We cleared the cache.");

        title.Should().BeGreaterThan(description);
        description.Should().BeGreaterThan(reply);
        reply.Should().BeGreaterThan(0);
        SearchRanking.OfTicket(terms, "Nothing here", "At all.").Should().Be(0);
    }

    [Fact]
    public void ShouldMatchAsTheIndexDoes_PrefixesAccentsAndCase()
    {
        SearchRanking.Mentions(SearchTerms.Parse("chec"), "Checkout spins").Should().BeTrue();
        SearchRanking.Mentions(SearchTerms.Parse("chec "), "Checkout spins").Should().BeFalse("a finished word is a whole word");
        SearchRanking.Mentions(SearchTerms.Parse("cafe "), "The Café menu").Should().BeTrue();
        SearchRanking.Mentions(SearchTerms.Parse("MAIL "), "e-mail bounces").Should().BeTrue();
    }

    [Fact]
    public void ShouldScoreSeveralMentionsHigher_WithDiminishingReturns()
    {
        var terms = SearchTerms.Parse("dns ");

        var once = SearchRanking.OfReply(terms, "Changed the dns record for the mail provider today.");
        var twice = SearchRanking.OfReply(terms, "Changed the dns record, then the dns cache cleared.");
        var thrice = SearchRanking.OfReply(terms, "dns dns dns record cache cleared today for them.");

        twice.Should().BeGreaterThan(once);
        (thrice - twice).Should().BeLessThan(twice - once);
    }
}
