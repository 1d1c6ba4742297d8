using System.Globalization;
using System.Text.Json;

namespace BaliProcess.Documents.Evaluation;

/// <summary>
/// The expected reading of one corpus document. <see cref="Meeting"/> is null when the document reports no meeting
/// of its own; <see cref="MentionedDates"/> are dates of other meetings or of publication that the text mentions,
/// which the recognizer must not take as the meeting's.
/// </summary>
public sealed record KeyEntry(
    string File,
    string Language,
    DocumentKind Kind,
    KeyMeeting? Meeting,
    IReadOnlyList<DateOnly> MentionedDates,
    string? Notes);

/// <summary>
/// The expected meeting. <see cref="Body"/> is a Directory body code or null when none fits; attendees are Directory
/// codes or "name:Its Name" for a name the Directory cannot hold.
/// </summary>
public sealed record KeyMeeting(
    string? Body,
    int? Ordinal,
    DateOnly Start,
    DateOnly End,
    string Precision,
    string? Place,
    MeetingFormat? Format,
    IReadOnlyList<string> CoChairs,
    IReadOnlyDictionary<AttendeeRole, IReadOnlyList<string>> Attendees);

/// <summary>Outcome of reading key files: the entries, or the one problem that stopped it (named for a person).</summary>
public sealed record KeyLoadResult(IReadOnlyList<KeyEntry>? Entries, string? Error)
{
    public bool Ok => Entries is not null;
}

/// <summary>
/// Reads answer keys (JSON arrays of entries, see tests/import-corpus/README.md). Every problem is returned with the
/// file, the entry and the field it concerns, never thrown: a key is hand-written and its author needs the place.
/// </summary>
public static class EvaluationKey
{
    /// <summary>Files above this size are refused: a key for a few hundred documents is well under a megabyte.</summary>
    public const long MaxKeyBytes = 8 * 1024 * 1024;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    /// <summary>
    /// Reads one or more key files into one list; a file named twice (in one key or across keys) is an error, and so
    /// is an entry whose file is missing from <paramref name="folder"/> when a folder is given.
    /// </summary>
    public static KeyLoadResult Load(IEnumerable<string> keyPaths, string? folder)
    {
        ArgumentNullException.ThrowIfNull(keyPaths);
        var entries = new List<KeyEntry>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in keyPaths)
        {
            var loaded = LoadOne(path);
            if (!loaded.Ok)
            {
                return loaded;
            }

            foreach (var entry in loaded.Entries!)
            {
                if (!seen.TryAdd(entry.File, path))
                {
                    return Fail($"{path}: '{entry.File}' has a second entry (first in {seen[entry.File]}); give each file one entry.");
                }

                if (folder is not null && !System.IO.File.Exists(Path.Combine(folder, entry.File)))
                {
                    return Fail($"{path}: the entry for '{entry.File}' names a file that is not in {folder}.");
                }

                entries.Add(entry);
            }
        }

        return entries.Count == 0 ? Fail("The key has no entries: nothing to evaluate.") : new KeyLoadResult(entries, null);
    }

    public static KeyLoadResult LoadOne(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Fail("No key file given.");
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Fail($"{path}: no such key file.");
            }

            if (info.Length > MaxKeyBytes)
            {
                return Fail($"{path}: larger than the {MaxKeyBytes / (1024 * 1024)} MB a key may be.");
            }

            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail($"{path}: could not be read ({e.Message}).");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, JsonOptions);
        }
        catch (JsonException e)
        {
            return Fail($"{path}: not valid JSON ({e.Message}).");
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Fail($"{path}: a key is a JSON array of entries, not {Describe(json.RootElement.ValueKind)}.");
            }

            var entries = new List<KeyEntry>();
            var index = 0;
            foreach (var element in json.RootElement.EnumerateArray())
            {
                index++;
                var reader = new EntryReader(path, index);
                var entry = reader.Entry(element);
                if (entry is null)
                {
                    return Fail(reader.Error!);
                }

                entries.Add(entry);
            }

            return new KeyLoadResult(entries, null);
        }
    }

    private static KeyLoadResult Fail(string error) => new(null, error);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads one entry, keeping the first problem with its place ("key.json, entry 3 (a-003.txt), meeting.start").</summary>
    private sealed class EntryReader(string path, int index)
    {
        private string where = $"{path}, entry {index}";

        public string? Error { get; private set; }

        public KeyEntry? Entry(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Problem<KeyEntry>("", $"is {Describe(element.ValueKind)}, not an object");
            }

            var file = RequiredString(element, "file");
            if (file is null)
            {
                return null;
            }

            if (file != Path.GetFileName(file) || file.Trim() != file)
            {
                return Problem<KeyEntry>("file", $"'{file}' must be a plain file name inside the corpus folder");
            }

            where = $"{path}, entry {index} ({file})";
            var language = RequiredString(element, "language");
            var kindText = RequiredString(element, "kind");
            if (language is null || kindText is null)
            {
                return null;
            }

            if (!Enum.TryParse<DocumentKind>(kindText, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
            {
                return Problem<KeyEntry>("kind", $"'{kindText}' is not a document kind (one of {string.Join(", ", Enum.GetNames<DocumentKind>())})");
            }

            KeyMeeting? meeting = null;
            if (element.TryGetProperty("meeting", out var meetingElement) && meetingElement.ValueKind != JsonValueKind.Null)
            {
                meeting = Meeting(meetingElement);
                if (meeting is null)
                {
                    return null;
                }
            }
            else if (!element.TryGetProperty("meeting", out _))
            {
                return Problem<KeyEntry>("meeting", "is missing (write null when the document reports no meeting of its own)");
            }

            var mentioned = new List<DateOnly>();
            if (element.TryGetProperty("mentionedDates", out var dates) && dates.ValueKind != JsonValueKind.Null)
            {
                if (dates.ValueKind != JsonValueKind.Array)
                {
                    return Problem<KeyEntry>("mentionedDates", "must be an array of ISO dates");
                }

                foreach (var date in dates.EnumerateArray())
                {
                    if (Date(date, "mentionedDates") is not { } value)
                    {
                        return null;
                    }

                    mentioned.Add(value);
                }
            }

            string? notes = null;
            if (element.TryGetProperty("notes", out var notesElement) && notesElement.ValueKind == JsonValueKind.String)
            {
                notes = notesElement.GetString();
            }

            return new KeyEntry(file, language, kind, meeting, mentioned, notes);
        }

        private KeyMeeting? Meeting(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Problem<KeyMeeting>("meeting", "must be an object or null");
            }

            string? body = null;
            if (element.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
            {
                if (bodyElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(bodyElement.GetString()))
                {
                    return Problem<KeyMeeting>("meeting.body", "must be a body code or null");
                }

                body = bodyElement.GetString()!.Trim();
            }

            int? ordinal = null;
            if (element.TryGetProperty("ordinal", out var ordinalElement) && ordinalElement.ValueKind != JsonValueKind.Null)
            {
                if (ordinalElement.ValueKind != JsonValueKind.Number || !ordinalElement.TryGetInt32(out var value) || value < 1)
                {
                    return Problem<KeyMeeting>("meeting.ordinal", "must be a whole number from 1, or null");
                }

                ordinal = value;
            }

            if (!element.TryGetProperty("start", out var startElement) || Date(startElement, "meeting.start") is not { } start)
            {
                return Error is null ? Problem<KeyMeeting>("meeting.start", "is missing") : null;
            }

            if (!element.TryGetProperty("end", out var endElement) || Date(endElement, "meeting.end") is not { } end)
            {
                return Error is null ? Problem<KeyMeeting>("meeting.end", "is missing") : null;
            }

            if (end < start)
            {
                return Problem<KeyMeeting>("meeting.end", $"{end:yyyy-MM-dd} is before the start {start:yyyy-MM-dd}");
            }

            var precision = "day";
            if (element.TryGetProperty("precision", out var precisionElement) && precisionElement.ValueKind != JsonValueKind.Null)
            {
                precision = precisionElement.ValueKind == JsonValueKind.String ? precisionElement.GetString()! : "";
                if (precision is not ("day" or "month"))
                {
                    return Problem<KeyMeeting>("meeting.precision", "must be \"day\" or \"month\"");
                }

                if (precision == "month" && (start.Day != 1 || end.Day != DateTime.DaysInMonth(end.Year, end.Month)))
                {
                    return Problem<KeyMeeting>("meeting.start", "a month-only date runs from the first to the last day of the month");
                }
            }

            string? place = null;
            if (element.TryGetProperty("place", out var placeElement) && placeElement.ValueKind != JsonValueKind.Null)
            {
                if (placeElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(placeElement.GetString()))
                {
                    return Problem<KeyMeeting>("meeting.place", "must be a place name or null");
                }

                place = placeElement.GetString()!.Trim();
            }

            MeetingFormat? format = null;
            if (element.TryGetProperty("format", out var formatElement) && formatElement.ValueKind != JsonValueKind.Null)
            {
                var text = formatElement.ValueKind == JsonValueKind.String ? formatElement.GetString() : null;
                if (!Enum.TryParse<MeetingFormat>(text, ignoreCase: false, out var value) || !Enum.IsDefined(value) || int.TryParse(text, out _))
                {
                    return Problem<KeyMeeting>("meeting.format", $"must be one of {string.Join(", ", Enum.GetNames<MeetingFormat>())} or null");
                }

                format = value;
            }

            var coChairs = Codes(element, "coChairs", "meeting.coChairs");
            if (coChairs is null)
            {
                return null;
            }

            var attendees = new Dictionary<AttendeeRole, IReadOnlyList<string>>();
            foreach (var role in Enum.GetValues<AttendeeRole>())
            {
                attendees[role] = [];
            }

            if (element.TryGetProperty("attendees", out var attendeesElement) && attendeesElement.ValueKind != JsonValueKind.Null)
            {
                if (attendeesElement.ValueKind != JsonValueKind.Object)
                {
                    return Problem<KeyMeeting>("meeting.attendees", "must be an object with Participant, Observer and Apology lists");
                }

                foreach (var property in attendeesElement.EnumerateObject())
                {
                    if (!Enum.TryParse<AttendeeRole>(property.Name, ignoreCase: false, out var role) || !Enum.IsDefined(role) || int.TryParse(property.Name, out _))
                    {
                        return Problem<KeyMeeting>("meeting.attendees", $"'{property.Name}' is not a role (one of {string.Join(", ", Enum.GetNames<AttendeeRole>())})");
                    }

                    var codes = Codes(attendeesElement, property.Name, $"meeting.attendees.{property.Name}");
                    if (codes is null)
                    {
                        return null;
                    }

                    attendees[role] = codes;
                }
            }

            return new KeyMeeting(body, ordinal, start, end, precision, place, format, coChairs, attendees);
        }

        private List<string>? Codes(JsonElement parent, string name, string field)
        {
            var codes = new List<string>();
            if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
            {
                return codes;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                return Problem<List<string>>(field, "must be an array of codes");
            }

            foreach (var item in array.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : "";
                if (text.Length == 0 || text == "name:")
                {
                    return Problem<List<string>>(field, "holds something that is not a code or \"name:Its Name\"");
                }

                codes.Add(text);
            }

            return codes;
        }

        private DateOnly? Date(JsonElement element, string field)
        {
            var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem(field, $"{(text is null ? "a non-string" : $"'{text}'")} is not an ISO date (yyyy-MM-dd)");
                return null;
            }

            return date;
        }

        private string? RequiredString(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(name, "is missing or not a text");
                return null;
            }

            return value.GetString()!.Trim();
        }

        private T? Problem<T>(string field, string message) where T : class
        {
            Error ??= field.Length == 0 ? $"{where}: {message}." : $"{where}, {field}: {message}.";
            return null;
        }

        private void Problem(string field, string message) => Problem<object>(field, message);
    }
}
