using Quartz;

namespace LearningBot.Core.Quizzes;

/// <summary>The Quartz job: runs <see cref="QuizDispatcher"/> once. One run at a time per scheduler; runs missed during downtime are not replayed (the dispatcher delivers today's late quiz itself).</summary>
[DisallowConcurrentExecution]
public sealed class QuizDispatchJob(QuizDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("quiz-dispatch", "quizzes");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await dispatcher.DispatchAsync(cancellationToken).ConfigureAwait(false);
    }
}
