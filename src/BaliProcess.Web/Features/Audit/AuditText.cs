namespace BaliProcess.Web.Features.Audit;

/// <summary>Marker for the Audit module's strings (Resources/Features/Audit/AuditText.*.resx).</summary>
public sealed class AuditText;
