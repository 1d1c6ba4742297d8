using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Mail;

/// <summary>
/// The development and test sender: every message becomes an .eml file in <see cref="Folder"/>, which any mail
/// client opens and tests read back. Nothing leaves the machine.
/// </summary>
public sealed class FileMailSender(IOptions<MailOptions> options, IOptions<Data.DatabaseOptions> database, IHostEnvironment environment, TimeProvider time) : IMailSender
{
    public string Folder { get; } = ResolveFolder(options.Value.File.Folder, database.Value, environment.ContentRootPath);

    public async Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (MimeMessages.Problem(mail, options.Value.From) is { } problem)
        {
            return MailSendResult.Failed(problem);
        }

        var now = time.GetUtcNow();
        var message = MimeMessages.Build(mail, options.Value.From, now);
        var path = Path.Combine(Folder, $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.CreateVersion7():N}.eml");
        try
        {
            Directory.CreateDirectory(Folder);
            // Written beside and then renamed, so that a mail program or a pickup reader never sees half a message.
            var partial = path + ".partial";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path);
            return MailSendResult.Ok(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MailSendResult.Failed($"The message could not be written to {Folder}: {e.Message}");
        }
    }

    public static string ResolveFolder(string configured, Data.DatabaseOptions database, string contentRoot) =>
        Path.IsPathRooted(configured) ? configured : Path.Combine(Data.DataServiceCollectionExtensions.DataDirectory(database, contentRoot), configured);
}
