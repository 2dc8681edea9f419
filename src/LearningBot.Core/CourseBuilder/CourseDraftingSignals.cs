using System.Collections.Concurrent;
using System.Threading.Channels;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// Hands queued documents to the drafting worker of this instance and lets a Cancel reach a drafting run in progress.
/// The queue is only a nudge: the state is the document's row, so a document queued before a restart is still found.
/// </summary>
public sealed class CourseDraftingSignals
{
    private readonly Channel<Guid> _queued = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Documents signalled, in order.</summary>
    public ChannelReader<Guid> Reader => _queued.Reader;

    public void Signal(Guid documentId) => _queued.Writer.TryWrite(documentId);

    /// <summary>Stops a drafting run of this instance (one on another instance stops at its next lesson, from the row).</summary>
    public void Cancel(Guid documentId)
    {
        if (_running.TryGetValue(documentId, out var run))
        {
            run.Cancel();
        }
    }

    internal CancellationTokenSource Track(Guid documentId, CancellationToken stopping)
    {
        var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[documentId] = run;
        return run;
    }

    internal void Untrack(Guid documentId) => _running.TryRemove(documentId, out _);
}

/// <summary>Drafts queued documents one at a time (drafting is bounded per document in tokens and time), in the background of the turn that queued them.</summary>
public sealed class CourseDraftingWorker(IServiceScopeFactory scopes, CourseDraftingSignals signals, ILogger<CourseDraftingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Documents queued before this instance started (a restart mid-drafting) are picked up first.
            var startScope = scopes.CreateAsyncScope();
            await using (startScope.ConfigureAwait(false))
            {
                var db = startScope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
                foreach (var id in await db.Set<CourseDocumentRecord>().AsNoTracking().Where(d => d.Status == CourseDocumentStatus.Queued)
                    .OrderBy(d => d.CreatedAt).Select(d => d.Id).ToListAsync(stoppingToken).ConfigureAwait(false))
                {
                    signals.Signal(id);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.WorkerFailed(logger, e);
        }
        await foreach (var id in signals.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using var scopeDisposal = scope.ConfigureAwait(false);
                await scope.ServiceProvider.GetRequiredService<CourseDrafting>().RunAsync(id, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.WorkerFailed(logger, e);
            }
        }
    }
}
