using System.Text;
using BaliProcess.Documents.Tests;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// A platform of the hostile-input tests alone: limits set through <c>Library:Limits</c> (a 1 MB file, 2 MB unpacked)
/// so that oversized files and bombs stay small, and its own folder of waiting uploads so a test can see it stays empty.
/// </summary>
public abstract class HostileInputPlatform(DatabaseProvider provider) : PlatformFactory(provider)
{
    public const long MaxFileBytes = 1024 * 1024;

    public string PendingUploadsPath { get; } = System.IO.Directory.CreateTempSubdirectory("bp-hostile-pending-").FullName;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Library:Limits:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Library:Limits:MaxExpandedBytes", (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Library:PendingUploadsPath", PendingUploadsPath),
    ];
}

public sealed class HostileInputSqlitePlatform() : HostileInputPlatform(DatabaseProvider.Sqlite);

public sealed class HostileInputPostgresPlatform() : HostileInputPlatform(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class HostileInputSqliteCollection : ICollectionFixture<HostileInputSqlitePlatform>
{
    public const string Name = "sqlite-hostile-input";
}

[CollectionDefinition(Name)]
public sealed class HostileInputPostgresCollection : ICollectionFixture<HostileInputPostgresPlatform>
{
    public const string Name = "postgres-hostile-input";
}

/// <summary>One hostile file: the name it is sent under, its bytes, and words the refusal must contain.</summary>
public sealed record HostileInput(string FileName, byte[] Content, string Expected);

/// <summary>The hostile files every input path is tried with (the generators are the parsers' own tests').</summary>
public static class HostileInputs
{
    /// <summary>Cases a file on disk can carry (the CLI); the upload paths add <see cref="UploadOnly"/>.</summary>
    public static readonly string[] OnDisk = ["xxe", "zip-bomb", "nested", "malformed-pdf", "bidi-name", "oversized"];

    public static readonly string[] UploadOnly = ["traversal-name", "nul-name"];

    public static TheoryData<string> ForUploads() => Data(OnDisk.Concat(UploadOnly));

    public static TheoryData<string> ForDisk() => Data(OnDisk);

    private static TheoryData<string> Data(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static HostileInput Get(string name) => name switch
    {
        "xxe" => new("minutes.docx", HostileFiles.DocxWithDocumentXml(
                "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + $"<w:document xmlns:w=\"{HostileFiles.WordNamespace}\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"),
            "not a readable Word document (it declares a DTD"),
        // 8 MB of text that packs into a few kilobytes, against a limit of 2 MB unpacked.
        "zip-bomb" => new("bomb.docx", HostileFiles.HugeTextDocx(8 * 1024 * 1024), "refused because it expands to more than the limit of 2 MB when unpacked"),
        "nested" => new("nested.docx", HostileFiles.DeeplyNestedDocx(20_000), "refused because its content is nested deeper than the limit of 256 levels"),
        "malformed-pdf" => new("broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF"), "broken.pdf: not a readable PDF"),
        "bidi-name" => new("minutes\u202Efdp.txt", Text("Minutes of a meeting on regional cooperation."), "control or direction-override characters (U+202E)"),
        "oversized" => new("large.txt", Text(new string('x', (int)HostileInputPlatform.MaxFileBytes + 512 * 1024)), "larger than the 1 MB the library accepts"),
        "traversal-name" => new("../../etc/passwd.txt", Text("root:x:0:0:root:/root:/bin/bash"), "climbs out of its folder with '..'"),
        "nul-name" => new("evil.exe\0.txt", Text("A file whose name hides its type."), "control or direction-override characters (U+0000)"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile input"),
    };

    /// <summary>
    /// The file part of a multipart upload, its name sent as RFC 5987 <c>filename*</c> (which ASP.NET Core reads
    /// first), so that names HttpClient would refuse in a plain quoted filename (a NUL) still reach the server.
    /// </summary>
    public static ByteArrayContent FilePart(string field, HostileInput input)
    {
        var part = new ByteArrayContent(input.Content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        part.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = $"\"{field}\"", FileNameStar = input.FileName };
        return part;
    }

    /// <summary>What the library holds that a refused import could have added to.</summary>
    public static Task<(int Documents, int Files, int ImportAudits)> CountsAsync(PlatformFactory platform, byte[] content) =>
        platform.WithDbAsync(async db =>
        {
            var hash = DocumentImporter.Hash(content);
            return (await db.Set<LibraryDocument>().CountAsync(d => d.ContentHash == hash),
                await db.Set<DocumentFile>().CountAsync(),
                await db.Set<AuditEntry>().CountAsync(a => a.Action == "library.document.import"));
        });
}
