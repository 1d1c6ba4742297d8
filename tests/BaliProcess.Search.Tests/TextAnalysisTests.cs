namespace BaliProcess.Search.Tests;

public class TextAnalysisTests
{
    private static List<string> Terms(string text)
    {
        var tokens = new TokenList();
        TextAnalysis.Tokenize(text, tokens);
        return Enumerable.Range(0, tokens.Count).Select(tokens.TermString).ToList();
    }

    [Fact]
    public void Tokenize_LatinWithDiacriticsAndCase_FoldsToLowerAscii()
    {
        Terms("Hợp Tác Khu Vực, Đà Nẵng; Ørsted ÉCOLE").ShouldBe(["hop", "tac", "khu", "vuc", "da", "nang", "orsted", "ecole"]);
    }

    [Fact]
    public void Tokenize_FullWidthAndLigatures_NormalisedByCompatibilityMapping()
    {
        Terms("Ｂａｌｉ ﬁnance").ShouldBe(["bali", "finance"]);
    }

    [Fact]
    public void Tokenize_ThaiRun_BecomesOverlappingBigramsWithoutMarks()
    {
        // ค้า: the tone mark is dropped, leaving the consonants and the vowel letter.
        Terms("การค้า").ShouldBe(["กา", "าร", "รค", "คา"]);
    }

    [Fact]
    public void Tokenize_ThaiSaraAmComposedOrDecomposed_GivesSameTerms()
    {
        // PDF extraction may emit SARA AM (U+0E33) or NIKHAHIT + SARA AA (U+0E4D U+0E32).
        Terms("ทำงาน").ShouldBe(Terms("ท\u0E4D\u0E32งาน"));
    }

    [Fact]
    public void Tokenize_SingleHanCharacter_IsUnigram()
    {
        Terms("人").ShouldBe(["人"]);
    }

    [Fact]
    public void Tokenize_MixedScripts_SplitsAtScriptChange()
    {
        Terms("Bali การค้า2024").ShouldBe(["bali", "กา", "าร", "รค", "คา", "2024"]);
    }

    [Fact]
    public void Tokenize_ThaiDigits_FoldToAsciiDigits()
    {
        Terms("๒๕๖๗").ShouldBe(["2567"]);
    }

    [Fact]
    public void Tokenize_SourceOffsets_CoverCombiningMarks()
    {
        var tokens = new TokenList();
        const string text = "cafe\u0301 bar";
        TextAnalysis.Tokenize(text, tokens);
        text[tokens.SourceStart[0]..tokens.SourceEnd[0]].ShouldBe("cafe\u0301");
    }
}
