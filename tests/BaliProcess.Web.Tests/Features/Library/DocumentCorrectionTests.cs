using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>Correcting and withdrawing documents: who may, the reason, the confirmation of a widening, the history, and every read path after a withdrawal.</summary>
public abstract class DocumentCorrectionTests(PlatformFactory platform)
{
    [Fact]
    public async Task EditDocument_ByOwner_ChangesFieldsAndKeepsThePreviousValuesInHistory()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Edit");
        var id = await ImportAsync(officer, $"edit-{marker}.txt", Statement(marker).Content, "OwnMember");

        var response = await officer.PatchAsJsonAsync($"/api/documents/{id}",
            new { title = $"Corrected {marker}", kind = "Declaration", date = "2023-02-10", language = "id", reason = "Wrong title read from the file." });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var detail = await GetJsonAsync(officer, $"/api/documents/{id}");
        detail.GetProperty("document").GetProperty("title").GetString().ShouldBe($"Corrected {marker}");
        detail.GetProperty("document").GetProperty("kind").GetString().ShouldBe("Declaration");
        detail.GetProperty("document").GetProperty("language").GetString().ShouldBe("id");
        var history = await GetJsonAsync(officer, $"/api/documents/{id}/history");
        var revision = history.GetProperty("history")[0];
        revision.GetProperty("reason").GetString().ShouldBe("Wrong title read from the file.");
        var title = revision.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "title");
        title.GetProperty("to").GetString().ShouldBe($"Corrected {marker}");
        title.GetProperty("from").GetString().ShouldNotBe($"Corrected {marker}");
        (await platform.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == LibraryCorrectionAudit.DocumentEdited && a.SubjectId == id.ToString()))).ShouldBe(1);
        (await officer.GetStringAsync($"/Library/Documents/{id}")).ShouldContain("Wrong title read from the file.");
    }

    [Fact]
    public async Task EditDocument_ByWrongMemberOrWithoutTheRole_IsRefusedAndChangesNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("NotYours");
        var privateId = await ImportAsync(officer, $"private-{marker}.txt", Statement(marker).Content, "OwnMember");
        var publicId = await ImportAsync(officer, $"public-{marker}.txt", Statement(Marker("Pub")).Content, "Public");
        var australia = await platform.SignInNewUserAsync("AUS");
        var analyst = await platform.SignInNewUserAsync("IDN", [Roles.Analyst]);
        var edit = new { title = "Hijacked", reason = "Because." };

        (await australia.PatchAsJsonAsync($"/api/documents/{privateId}", edit)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.PatchAsJsonAsync($"/api/documents/{publicId}", edit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await australia.PostAsJsonAsync($"/api/documents/{publicId}/withdraw", new { reason = "Because." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await analyst.PatchAsJsonAsync($"/api/documents/{privateId}", edit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await australia.GetAsync($"/Library/Documents/{privateId}/Edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await australia.GetStringAsync($"/Library/Documents/{publicId}/Edit")).ShouldContain("may correct it");

        var titles = await platform.WithDbAsync(db => db.Set<LibraryDocument>().Where(d => d.Id == privateId || d.Id == publicId).Select(d => d.Title).ToListAsync());
        titles.ShouldNotContain("Hijacked");
        (await platform.WithDbAsync(db => db.Set<RecordRevision>().CountAsync(r => r.RecordId == privateId || r.RecordId == publicId))).ShouldBe(0);
    }

    [Fact]
    public async Task EditDocument_WideningWithoutConfirmation_IsRefusedAndChangesNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Widen");
        var id = await ImportAsync(officer, $"widen-{marker}.txt", Statement(marker).Content, "OwnMember");

        var refused = await officer.PatchAsJsonAsync($"/api/documents/{id}", new { title = "Widened", scope = "Public", reason = "Cleared for release." });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("confirmWidening");
        var stored = await platform.WithDbAsync(db => db.Set<LibraryDocument>().SingleAsync(d => d.Id == id));
        stored.Scope.ShouldBe(DistributionScope.OwnMember);
        stored.Title.ShouldNotBe("Widened");
        (await platform.Anonymous().GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var rso = await platform.SignInNewUserAsync("RSO", [Roles.PlatformAdmin]);
        (await rso.PatchAsJsonAsync($"/api/documents/{id}", new { scope = "Public", confirmWidening = true, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var confirmed = await officer.PatchAsJsonAsync($"/api/documents/{id}", new { scope = "Public", confirmWidening = true, reason = "Cleared for release." });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        (await platform.Anonymous().GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EditDocument_Narrowing_TakesEffectAtOnceWithoutConfirmation()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Narrow");
        var id = await ImportAsync(officer, $"narrow-{marker}.txt", Statement(marker).Content, "Public");
        await platform.DrainSearchAsync();

        var response = await officer.PatchAsJsonAsync($"/api/documents/{id}", new { scope = "OwnMember", reason = "Not yet cleared." });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await platform.DrainSearchAsync();
        await AccessProbe.AssertInvisibleAsync(await platform.SignInNewUserAsync("AUS"), id, marker, "/api/documents/{id}", "/api/documents", $"/api/search?q={marker}&kind=document");
    }

    [Theory]
    [InlineData("""{"title":"","reason":"r"}""", "title")]
    [InlineData("""{"kind":"Memo","reason":"r"}""", "kind")]
    [InlineData("""{"kind":"3","reason":"r"}""", "kind")]
    [InlineData("""{"date":"10/02/2023","reason":"r"}""", "date")]
    [InlineData("""{"language":"English!","reason":"r"}""", "language")]
    [InlineData("""{"scope":"NamedMembers","namedMembers":["XXX"],"reason":"r"}""", "namedMembers")]
    [InlineData("""{"title":"New"}""", "reason")]
    [InlineData("""{"title":"New","reason":"   "}""", "reason")]
    public async Task EditDocument_InvalidValue_NamesTheFieldAndChangesNothing(string body, string field)
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var id = await ImportAsync(officer, $"bad-{Guid.NewGuid():N}.txt", Statement(Marker("Bad")).Content, "OwnMember");
        var before = await platform.WithDbAsync(db => db.Set<LibraryDocument>().AsNoTracking().SingleAsync(d => d.Id == id));

        var response = await officer.PatchAsync($"/api/documents/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        var after = await platform.WithDbAsync(db => db.Set<LibraryDocument>().AsNoTracking().SingleAsync(d => d.Id == id));
        (after.Title, after.Kind, after.Date, after.Language, after.Scope).ShouldBe((before.Title, before.Kind, before.Date, before.Language, before.Scope));
    }

    [Fact]
    public async Task WithdrawDocument_WithoutReason_IsRefusedAndChangesNothing()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var id = await ImportAsync(officer, $"keep-{Guid.NewGuid():N}.txt", Statement(Marker("Keep")).Content, "Public");

        var response = await officer.PostAsJsonAsync($"/api/documents/{id}/withdraw", new { reason = "" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("reason");
        (await platform.WithDbAsync(db => db.Set<LibraryDocument>().Where(d => d.Id == id).Select(d => d.WithdrawnAt).SingleAsync())).ShouldBeNull();
        (await platform.Anonymous().GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithdrawDocument_Public_DisappearsFromEveryPathForAllButOwnerAndRso()
    {
        var officer = await platform.SignInNewUserAsync("IDN");
        var marker = Marker("Withdrawn");
        var id = await ImportAsync(officer, $"withdrawn-{marker}.txt", Statement(marker).Content, "Public");
        var meetingId = (await GetJsonAsync(officer, $"/api/documents/{id}")).GetProperty("meetingId").GetGuid();
        await platform.DrainSearchAsync();
        var australia = await platform.SignInNewUserAsync("AUS");
        string[] paths =
        [
            "/api/documents/{id}", "/api/documents/{id}/file", "/Library/Documents/{id}", "/api/documents/{id}/history",
            "/api/documents", "/Library", $"/api/search?q={marker}", "/api/search?kind=document", "/Search?kind=document",
        ];
        await AccessProbe.AssertVisibleAsync(australia, id, marker, "/api/documents/{id}", $"/api/search?q={marker}");
        var anonymousCount = (await GetJsonAsync(platform.Anonymous(), "/api/documents/count")).GetProperty("count").GetInt32();

        (await officer.PostAsJsonAsync($"/api/documents/{id}/withdraw", new { reason = "Issued by mistake." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsJsonAsync($"/api/meetings/{meetingId}/withdraw", new { reason = "Issued by mistake." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await platform.DrainSearchAsync();

        await AccessProbe.AssertInvisibleAsync(australia, id, marker, paths);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), id, marker, paths);
        await AccessProbe.AssertInvisibleAsync(platform.Anonymous(), meetingId, marker, "/api/meetings/{id}", "/Meetings/{id}", "/api/meetings", "/Meetings", $"/api/search?q={marker}&kind=outcome");
        (await GetJsonAsync(platform.Anonymous(), "/api/documents/count")).GetProperty("count").GetInt32().ShouldBe(anonymousCount - 1);
        var rso = await platform.SignInNewUserAsync("RSO");
        foreach (var client in new[] { officer, rso })
        {
            await AccessProbe.AssertVisibleAsync(client, id, marker, "/api/documents/{id}", $"/api/search?q={marker}");
            var page = await client.GetStringAsync($"/Library/Documents/{id}");
            page.ShouldContain("Withdrawn");
            page.ShouldContain("Issued by mistake.");
        }

        (await officer.PostAsJsonAsync($"/api/documents/{id}/restore", new { reason = "Issued after all." })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await platform.DrainSearchAsync();
        await AccessProbe.AssertVisibleAsync(australia, id, marker, "/api/documents/{id}", $"/api/search?q={marker}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DocumentCorrectionSqliteTests(SqlitePlatform platform) : DocumentCorrectionTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DocumentCorrectionPostgresTests(PostgresPlatform platform) : DocumentCorrectionTests(platform);
