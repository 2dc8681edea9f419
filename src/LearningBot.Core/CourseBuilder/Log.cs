using Microsoft.Extensions.Logging;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// The course builder's log lines, event ids 1100–1149: 1100s documents, 1120s review. Lines carry document, draft,
/// lesson and person ids and file names, never the document's text, a download link or the model's key.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Person {PersonId} shared {FileName} (document {DocumentId}); offered to build lessons")]
    public static partial void Offered(ILogger logger, Guid personId, string fileName, Guid documentId);

    [LoggerMessage(1101, LogLevel.Information, "Document {DocumentId} queued for drafting")]
    public static partial void Queued(ILogger logger, Guid documentId);

    [LoggerMessage(1102, LogLevel.Information, "Document {DocumentId}: {Drafts} drafts stored, {Dropped} parts dropped, model {ModelUsed}")]
    public static partial void Drafted(ILogger logger, Guid documentId, int drafts, int dropped, bool modelUsed);

    [LoggerMessage(1103, LogLevel.Information, "Document {DocumentId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, Guid documentId, string reason);

    [LoggerMessage(1104, LogLevel.Information, "Document {DocumentId} cancelled by its author")]
    public static partial void Cancelled(ILogger logger, Guid documentId);

    [LoggerMessage(1105, LogLevel.Warning, "Drafting document {DocumentId} failed")]
    public static partial void DraftingFailed(ILogger logger, Guid documentId, Exception exception);

    [LoggerMessage(1106, LogLevel.Warning, "Drafting pass failed; queued documents are tried again on the next signal")]
    public static partial void WorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(1120, LogLevel.Information, "Draft {DraftId} approved into the library as {LessonId} by {PersonId}")]
    public static partial void Approved(ILogger logger, long draftId, string lessonId, Guid personId);

    [LoggerMessage(1121, LogLevel.Warning, "Draft {DraftId} could not be imported on approval: {Rule}; back in review")]
    public static partial void ApproveRejected(ILogger logger, long draftId, string rule);

    [LoggerMessage(1122, LogLevel.Information, "Draft {DraftId} ({LessonId}) edited")]
    public static partial void DraftEdited(ILogger logger, long draftId, string lessonId);

    [LoggerMessage(1123, LogLevel.Information, "Draft {DraftId} ({LessonId}) discarded")]
    public static partial void Discarded(ILogger logger, long draftId, string lessonId);
}
