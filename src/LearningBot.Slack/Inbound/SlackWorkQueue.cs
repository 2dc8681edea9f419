using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// Work done after Slack has been answered (slack-protocol.md §2.2: ack within 3 s, then process — as bolt-js and
/// SlackNet do). Each item runs in its own DI scope. <see cref="WhenIdleAsync"/> completes when nothing is queued or
/// running, so tests wait for processing deterministically instead of sleeping.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a work queue (a hosted service), named for what it is; it does not derive from Queue<T>.")]
public sealed class SlackWorkQueue(IServiceScopeFactory scopes, ILogger<SlackWorkQueue> logger) : BackgroundService
{
    private const int Concurrency = 4;
    private readonly Channel<Func<Task>> _queue = Channel.CreateUnbounded<Func<Task>>();
    private readonly Lock _gate = new();
    // Not disposed: items still finishing at shutdown release it; a SemaphoreSlim without a wait handle holds nothing.
    [SuppressMessage("Usage", "CA2213:Disposable fields should be disposed", Justification = "Items still finishing at shutdown release it; disposing would make their Release throw.")]
    private readonly SemaphoreSlim _slots = new(Concurrency);
    private int _pending;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Queues work to run after the current request has been answered.</summary>
    public void Enqueue(Func<IServiceProvider, CancellationToken, Task> work) =>
        _ = Run<bool>(async (services, ct) =>
        {
            await work(services, ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Queues work and gives its result; the caller may stop waiting (ack) while it goes on.</summary>
    public Task<T> Run<T>(Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        _queue.Writer.TryWrite(async () =>
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using var scopeDisposal = scope.ConfigureAwait(false);
                result.TrySetResult(await work(scope.ServiceProvider, _stopping).ConfigureAwait(false));
            }
#pragma warning disable CA1031 // A boundary: any failure of the work is logged and handed to the caller through the result, never lost on the queue's thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.WorkFailed(logger, e);
                result.TrySetException(e);
            }
        });
        // Observe failures here so an abandoned result never surfaces as an unobserved exception.
        _ = result.Task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        return result.Task;
    }

    /// <summary>Completes when every queued item (including items queued meanwhile) has finished.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await item().ConfigureAwait(false);
                    }
                    finally
                    {
                        _slots.Release();
                        Done();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Done()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
