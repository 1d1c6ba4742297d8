namespace BaliProcess.Web.Features.Audit;

/// <summary>Marker for the Audit module's strings (Resources/Features/Audit/AuditText.*.resx), and the English labels of its outcomes.</summary>
public sealed class AuditText
{
    public static string OutcomeLabel(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "Succeeded",
        AuditOutcome.Denied => "Denied",
        _ => "Failed",
    };
}
