using BaliProcess.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BaliProcess.Web.Features;

[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ErrorModel(IStringLocalizer<SharedText> text) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet(int? code, string? requestId)
    {
        var status = code ?? 500;
        Response.StatusCode = status is >= 400 and < 600 ? status : 500;
        RequestId = requestId ?? HttpContext.TraceIdentifier;
        (Title, Message) = status switch
        {
            404 => (text["Page not found"].Value, text["There is nothing at this address, or you may not see it. Check the address, or sign in."].Value),
            403 => (text["Not allowed"].Value, text["Your account may not do this."].Value),
            429 => (text["Too many requests"].Value, text["Wait a few minutes and try again."].Value),
            413 => (text["File too large"].Value, text["The file or form is larger than this platform accepts."].Value),
            400 => (text["The request could not be read"].Value, text["Go back and try again."].Value),
            _ => (text["Something went wrong"].Value, text["The error was recorded. Try again later, and give the request id below if you report it."].Value),
        };
    }

    public void OnPost(int? code, string? requestId) => OnGet(code, requestId);
}
