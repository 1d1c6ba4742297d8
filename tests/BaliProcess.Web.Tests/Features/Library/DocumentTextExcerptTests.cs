using System.Net;
using System.Text;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BaliProcess.Web.Tests.Features.Library.LibraryFiles;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// A row from before the extraction limits may hold megabytes of text (defect 2 stored 210 MB): its detail answers
/// with a bounded excerpt that says it is cut, on the API and on the page, instead of failing.
/// </summary>
public abstract class DocumentTextExcerptTests(PlatformFactory platform)
{
    /// <summary>Writes the row directly, as an older import would have left it.</summary>
    private Task<Guid> StoreDocumentAsync(string text, DocumentKind kind = DocumentKind.Other) =>
        platform.WithDbAsync(async db =>
        {
            var owner = await db.Set<Member>().Where(m => m.Code == "IDN").Select(m => m.Id).SingleAsync();
            var document = new LibraryDocument
            {
                OwnerMemberId = owner,
                Scope = DistributionScope.Public,
                Kind = kind,
                Title = "Legacy import " + Marker(""),
                Language = "en",
                OriginalFileName = "legacy.txt",
                ContentType = "text/plain; charset=utf-8",
                SizeBytes = text.Length,
                ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                Text = text,
                ImportedAt = DateTime.UtcNow,
            };
            db.Add(document);
            db.Add(new DocumentFile { DocumentId = document.Id, Content = Encoding.UTF8.GetBytes("legacy") });
            await db.SaveChangesAsync();
            return document.Id;
        });

    private static string HugeText(int characters)
    {
        // Each text its own (a marker first), since a member holds one copy of a file.
        var builder = new StringBuilder(characters + 100).Append(Marker("Legacy")).Append("\n\n");
        var paragraph = 0;
        while (builder.Length < characters)
        {
            builder.Append("Paragraph ").Append(++paragraph).Append(" of a very long legacy text about regional cooperation.\n\n");
        }

        return builder.ToString(0, characters);
    }

    [Fact]
    public async Task DocumentApi_StoredTextOfTwelveMegabytes_AnswersABoundedExcerptMarkedTruncated()
    {
        var text = HugeText(12_000_000);
        var id = await StoreDocumentAsync(text);

        var detail = await GetJsonAsync(platform.Anonymous(), $"/api/documents/{id}");

        var excerpt = detail.GetProperty("text").GetString()!;
        excerpt.Length.ShouldBe(LibraryQueries.MaxTextCharacters);
        text.StartsWith(excerpt, StringComparison.Ordinal).ShouldBeTrue();
        detail.GetProperty("textTruncated").GetBoolean().ShouldBeTrue();
        detail.GetProperty("textLength").GetInt32().ShouldBe(12_000_000);
    }

    [Fact]
    public async Task DocumentPage_StoredTextOfTwelveMegabytes_ShowsTheExcerptAndSaysItIsCut()
    {
        var id = await StoreDocumentAsync(HugeText(12_000_000), DocumentKind.ProgressReport);

        var response = await platform.Anonymous().GetAsync($"/Library/Documents/{id}");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 2000 ? html[..2000] : html);
        html.ShouldContain($"these are its first {LibraryQueries.MaxTextCharacters:N0} of 12,000,000 characters");
        html.Length.ShouldBeLessThan(LibraryQueries.MaxTextCharacters * 3);
    }

    [Fact]
    public async Task DocumentApi_TextWithinTheBound_IsWholeAndNotMarked()
    {
        var text = HugeText(5_000);
        var id = await StoreDocumentAsync(text);

        var detail = await GetJsonAsync(platform.Anonymous(), $"/api/documents/{id}");

        detail.GetProperty("text").GetString().ShouldBe(text);
        detail.GetProperty("textTruncated").GetBoolean().ShouldBeFalse();
        detail.GetProperty("textLength").GetInt32().ShouldBe(5_000);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DocumentTextExcerptSqliteTests(SqlitePlatform platform) : DocumentTextExcerptTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class DocumentTextExcerptPostgresTests(PostgresPlatform platform) : DocumentTextExcerptTests(platform);
