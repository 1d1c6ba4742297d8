namespace BaliProcess.Documents.Tests;

public class DateParsingTests
{
    [Theory]
    [InlineData("27-29 July 2009", 2009, 7, 27, 2009, 7, 29)]
    [InlineData("27 - 29 July 2009", 2009, 7, 27, 2009, 7, 29)]
    [InlineData("14-15 April 2009", 2009, 4, 14, 2009, 4, 15)]
    [InlineData("27–29 JULY 2009", 2009, 7, 27, 2009, 7, 29)]
    [InlineData("29 September to 1 October 2009", 2009, 9, 29, 2009, 10, 1)]
    [InlineData("28 September- 28 October 2015", 2015, 9, 28, 2015, 10, 28)]
    [InlineData("29 December 2009 to 2 January 2010", 2009, 12, 29, 2010, 1, 2)]
    [InlineData("30 December to 2 January 2010", 2009, 12, 30, 2010, 1, 2)]
    public void Parse_DayRange_GivesFirstAndLastDay(string text, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var span = DateParsing.Parse(text).ShouldNotBeNull();

        span.Start.ShouldBe(new DateOnly(y1, m1, d1));
        span.End.ShouldBe(new DateOnly(y2, m2, d2));
        span.IsMonthOnly.ShouldBeFalse();
    }

    [Theory]
    [InlineData("6 December 2022", 2022, 12, 6)]
    [InlineData("22 March 2016", 2016, 3, 22)]
    [InlineData("1st July 2012", 2012, 7, 1)]
    [InlineData("6 Dec. 2022", 2022, 12, 6)]
    [InlineData("December 6, 2022", 2022, 12, 6)]
    [InlineData("13 Sept 2016", 2016, 9, 13)]
    public void Parse_SingleDay_GivesThatDay(string text, int year, int month, int day)
    {
        var span = DateParsing.Parse(text).ShouldNotBeNull();

        span.Start.ShouldBe(new DateOnly(year, month, day));
        span.End.ShouldBe(span.Start);
    }

    [Fact]
    public void Parse_MonthOnly_SpansTheWholeMonth()
    {
        var span = DateParsing.Parse("February 2002").ShouldNotBeNull();

        span.IsMonthOnly.ShouldBeTrue();
        span.Start.ShouldBe(new DateOnly(2002, 2, 1));
        span.End.ShouldBe(new DateOnly(2002, 2, 28));
    }

    [Theory]
    [InlineData("31 February 2009")]
    [InlineData("29 July")]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("29 July 2009 and more")]
    [InlineData("15-14 April 2009")]
    public void Parse_NotExactlyOneValidDate_ReturnsNull(string text)
    {
        DateParsing.Parse(text).ShouldBeNull();
    }

    [Fact]
    public void FindAll_SentenceWithSeveralDates_FindsEachInOrderWithPositions()
    {
        const string sentence = "Held in Bali from 14-15 April 2009, after the Senior Officials Meeting in February 2009 and before 27 - 29 July 2009.";

        var spans = DateParsing.FindAll(sentence);

        spans.Select(s => s.Start).ShouldBe(new[] { new DateOnly(2009, 4, 14), new DateOnly(2009, 2, 1), new DateOnly(2009, 7, 27) });
        spans.Select(s => sentence.Substring(s.Index, s.Length)).ShouldBe(new[] { "14-15 April 2009", "February 2009", "27 - 29 July 2009" });
    }

    [Theory]
    [InlineData("26-28 Februari 2024", 2024, 2, 26, 2024, 2, 28)]
    [InlineData("5 Pebruari 2019", 2019, 2, 5, 2019, 2, 5)]
    [InlineData("10 Desember 2020", 2020, 12, 10, 2020, 12, 10)]
    public void FindAll_IndonesianMonthNames_AreRead(string text, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var span = DateParsing.FindAll(text).ShouldHaveSingleItem();

        span.Start.ShouldBe(new DateOnly(y1, m1, d1));
        span.End.ShouldBe(new DateOnly(y2, m2, d2));
    }

    [Fact]
    public void FindAll_NumbersThatAreNotDates_FindsNothing()
    {
        DateParsing.FindAll("7,121 students in 135 schools, COVID-19, the 2017-18 plan, 14 languages").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("first", 1)]
    [InlineData("Sixth", 6)]
    [InlineData("sixteenth", 16)]
    [InlineData("SIXTEENTH", 16)]
    [InlineData("twentieth", 20)]
    [InlineData("twenty-first", 21)]
    [InlineData("16th", 16)]
    [InlineData("2nd", 2)]
    [InlineData("3rd", 3)]
    [InlineData("11", 11)]
    [InlineData("III", 3)]
    [InlineData("XIV", 14)]
    [InlineData("inaugural", 1)]
    [InlineData("Inaugural", 1)]
    [InlineData("pertama", 1)]
    [InlineData("perdana", 1)]
    [InlineData("kedelapan", 8)]
    [InlineData("Kelima", 5)]
    [InlineData("ke-5", 5)]
    [InlineData("ke 12", 12)]
    [InlineData("kedua belas", 12)]
    public void ParseOrdinal_WordsDigitsAndRomanNumerals_GiveTheNumber(string text, int expected)
    {
        DateParsing.ParseOrdinal(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("meeting")]
    [InlineData("")]
    [InlineData("firsts")]
    [InlineData("iii")]
    public void ParseOrdinal_NotAnOrdinal_ReturnsNull(string text)
    {
        DateParsing.ParseOrdinal(text).ShouldBeNull();
    }

    [Theory]
    [InlineData("January", 1)]
    [InlineData("sept", 9)]
    [InlineData("Oct.", 10)]
    [InlineData("MAY", 5)]
    public void ParseMonth_FullAndAbbreviatedNames_GiveMonthNumber(string name, int expected)
    {
        DateParsing.ParseMonth(name).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Ma")]
    [InlineData("Mayor")]
    [InlineData("")]
    public void ParseMonth_NotAMonth_ReturnsNull(string name)
    {
        DateParsing.ParseMonth(name).ShouldBeNull();
    }
}
