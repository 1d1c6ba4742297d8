namespace BaliProcess.Web.Features.Actions;

/// <summary>The model of the _ActionTable partial: the rows, the table's caption, and the sentence shown when there are none.</summary>
public sealed record ActionTableModel(IReadOnlyList<ActionSummaryView> Actions, string Caption, string Empty);
