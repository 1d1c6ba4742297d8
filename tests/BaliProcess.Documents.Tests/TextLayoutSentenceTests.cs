namespace BaliProcess.Documents.Tests;

public sealed class TextLayoutSentenceTests
{
    [Theory]
    [InlineData("The U.N. High Commissioner for Refugees sent a delegation. Fiji attended.")]
    [InlineData("Ministers met on Feb. 27-28, 2002 in Bali. Fiji attended.")]
    [InlineData("Prof. Lina Hartono spoke at the opening. Fiji attended.")]
    public void Sentences_AbbreviationInsideASentence_DoesNotEndIt(string paragraph)
    {
        TextLayout.Sentences(paragraph).Count.ShouldBe(2);
    }
}
