namespace BaliProcess.Documents.Tests;

/// <summary>Attendee rules of the meeting reader: lists before or after their verb, lists broken over lines and
/// paragraphs, Bahasa Indonesia wordings, and the roles a sentence gives.</summary>
public sealed class MeetingAttendeeRuleTests
{
    private static readonly DocumentRecognizer Recognizer = new(TestFiles.Catalog);

    private static List<string> Codes(string text, AttendeeRole role) =>
        [.. (Recognizer.Recognize(text, "document.txt").Meeting ?? throw new ShouldAssertException("no meeting recognised"))
            .Attendees.Where(a => a.Role == role).Select(a => a.Code ?? "name:" + a.Name)];

    private const string Opening = "The Ad Hoc Group met in Bangkok on 4 May 2017, co-chaired by Indonesia and Australia.\n\n";

    [Fact]
    public void Attendees_ListBeforeTookPart_AreParticipants()
    {
        Codes(Opening + "Officials of Fiji, Nepal and Mongolia took part, with IOM.", AttendeeRole.Participant)
            .ShouldBe(["FJI", "NPL", "MNG", "IOM"]);
    }

    [Fact]
    public void Attendees_ListBeforeJoined_AreParticipants()
    {
        Codes(Opening + "Japan, Bhutan and UNODC joined the call.", AttendeeRole.Participant).ShouldBe(["JPN", "BTN", "UNODC"]);
    }

    [Fact]
    public void Attendees_GovernmentsListBrokenOverShortLines_AreAllRead()
    {
        var text = Opening + "The meeting brought together senior officials of the Governments of\nCambodia, Fiji,\nJapan, Nepal,\nSamoa and Tonga,\nas well as of UNHCR.";

        Codes(text, AttendeeRole.Participant).ShouldBe(["KHM", "FJI", "JPN", "NPL", "WSM", "TON", "UNHCR"]);
    }

    [Fact]
    public void Attendees_ListRunningIntoTheNextParagraph_IsReadToItsEnd()
    {
        var text = Opening + "Ministers of Jordan, Iraq,\n\nMongolia and Bhutan attended the meeting.";

        Codes(text, AttendeeRole.Participant).ShouldBe(["JOR", "IRQ", "MNG", "BTN"]);
    }

    [Fact]
    public void Attendees_IndonesianListWithDiikutiOlehAndSerta_AreParticipants()
    {
        var text = "Pertemuan Kelompok Ad Hoc Bali Process berlangsung di Jakarta pada 3 Mei 2022.\n\nPertemuan diikuti oleh delegasi dari Kamboja, Laos dan Nepal, serta IOM.";

        Codes(text, AttendeeRole.Participant).ShouldBe(["KHM", "LAO", "NPL", "IOM"]);
    }

    [Fact]
    public void Attendees_IndonesianApologyWording_IsAnApology()
    {
        var text = "Pertemuan Kelompok Ad Hoc Bali Process berlangsung di Jakarta pada 3 Mei 2022.\n\nTonga dan Samoa menyampaikan permohonan maaf karena tidak dapat hadir.";

        Codes(text, AttendeeRole.Apology).ShouldBe(["TON", "WSM"]);
    }

    [Fact]
    public void Attendees_ObserverOrganisationListedAmongParticipants_IsAParticipant()
    {
        // INTERPOL is an observer of the Bali Process, but this sentence has it take part like the others.
        Codes(Opening + "In attendance were representatives from Nepal and from INTERPOL.", AttendeeRole.Participant).ShouldContain("INTERPOL");
    }

    [Fact]
    public void Attendees_SentenceSayingFollowedAsObservers_AreObservers()
    {
        Codes(Opening + "Norway and Canada followed the meeting as observers.", AttendeeRole.Observer).ShouldBe(["NOR", "CAN"]);
    }

    [Fact]
    public void Attendees_WholeSentenceInAListItem_IsRead()
    {
        Codes(Opening + "- The meeting was attended by representatives of Samoa, Tonga and Fiji.", AttendeeRole.Participant).ShouldBe(["WSM", "TON", "FJI"]);
    }

    [Fact]
    public void Attendees_RecallAfterTheList_DoesNotDropTheSentence()
    {
        Codes(Opening + "Taking part for the first time was Bhutan, which joined the process last year.", AttendeeRole.Participant).ShouldBe(["BTN"]);
    }

    [Fact]
    public void Attendees_JoiningTheCoChairsWere_AreParticipants()
    {
        Codes(Opening + "Joining the two co-chairs were Japan and Fiji.", AttendeeRole.Participant).ShouldBe(["JPN", "FJI"]);
    }

    [Fact]
    public void Attendees_IndonesianAmbilBagian_AreParticipants()
    {
        var text = "Pertemuan Kelompok Ad Hoc Bali Process berlangsung di Jakarta pada 3 Mei 2022.\n\nNepal dan Kamboja juga ambil bagian.";

        Codes(text, AttendeeRole.Participant).ShouldBe(["NPL", "KHM"]);
    }

    [Fact]
    public void Attendees_ParticipantsLabelFollowedByBullets_AreParticipants()
    {
        Codes(Opening + "Participants:\n- Fiji\n- Tonga\n- IOM", AttendeeRole.Participant).ShouldBe(["FJI", "TON", "IOM"]);
    }

    [Fact]
    public void Attendees_DelegationsCameFrom_AreParticipants()
    {
        Codes(Opening + "Delegations came from Nepal, Bhutan and Samoa.", AttendeeRole.Participant).ShouldBe(["NPL", "BTN", "WSM"]);
    }
}
