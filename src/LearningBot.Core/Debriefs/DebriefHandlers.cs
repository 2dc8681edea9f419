using LearningBot.Core.Conversations;

namespace LearningBot.Core.Debriefs;

/// <summary>"debrief &lt;project&gt; @people… [by yyyy-mm-dd] [template name]", or "debrief" alone for the start form.</summary>
public sealed class DebriefCommand(DebriefService debriefs) : ICommandHandler
{
    public string Name => "debrief";
    public string Description => "start a post-project debrief";
    public string Usage => "**debrief** (a form), or **debrief** _project_ _@people…_ **by** _yyyy-mm-dd_";

    public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken) =>
        debriefs.StartAsync(turn, arguments, cancellationToken);
}

/// <summary>The debrief cards' buttons: Start on the form, Save and Submit for participants, Publish, Edit and Skip for the manager.</summary>
public sealed class DebriefCardActions(DebriefService debriefs, DebriefAnswers answers, DebriefLessonDecisions lessons) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [DebriefVerbs.Start, DebriefVerbs.Save, DebriefVerbs.Submit, DebriefVerbs.Publish, DebriefVerbs.Skip, DebriefVerbs.Edit];

    public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Verb switch
        {
            DebriefVerbs.Start => debriefs.StartFromFormAsync(turn, action, cancellationToken),
            DebriefVerbs.Save => answers.AnswerAsync(turn, action, submit: false, cancellationToken),
            DebriefVerbs.Submit => answers.AnswerAsync(turn, action, submit: true, cancellationToken),
            DebriefVerbs.Publish => lessons.DecideAsync(turn, action, publish: true, cancellationToken),
            DebriefVerbs.Edit => lessons.EditAsync(turn, action, cancellationToken),
            _ => lessons.DecideAsync(turn, action, publish: false, cancellationToken),
        };
    }
}
