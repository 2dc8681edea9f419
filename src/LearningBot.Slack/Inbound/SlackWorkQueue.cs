using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// Work done after Slack has been answered (slack-protocol.md §2.2: ack within 3 s, then process — as bolt-js and
/// SlackNet do). Each item runs in its own DI scope, four at a time. The queue is bounded: at most
/// <see cref="SlackOptions.WorkQueueCapacity"/> new payloads wait to start, and one that finds no room waits for it
/// (<see cref="TryEnqueueAsync"/>, <see cref="TryRunAsync{T}"/>) for as long as its acknowledgement may, so a full queue
/// shows Slack a slower ack or a refusal it retries — never an ack whose work is dropped. Follow-ups of work already let
/// in (<see cref="Enqueue"/>, <see cref="Run{T}"/>) take no room: each admitted payload has at most one.
/// <see cref="WhenIdleAsync"/> completes when nothing is queued or running, so tests wait for processing
/// deterministically instead of sleeping.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a work queue (a hosted service), named for what it is; it does not derive from Queue<T>.")]
public sealed class SlackWorkQueue(IServiceScopeFactory scopes, IOptions<SlackOptions> options, ILogger<SlackWorkQueue> logger) : BackgroundService
{
    private const int Concurrency = 4;
    private readonly Channel<(Func<Task> Work, bool HoldsRoom)> _queue = Channel.CreateUnbounded<(Func<Task>, bool)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    // Not disposed: items still finishing at shutdown release it; a SemaphoreSlim without a wait handle holds nothing.
    [SuppressMessage("Usage", "CA2213:Disposable fields should be disposed", Justification = "Items still finishing at shutdown release it; disposing would make their Release throw.")]
    private readonly SemaphoreSlim _slots = new(Concurrency);
    // Places for admitted payloads that have not started yet; taken on admission, given back when the item starts.
    [SuppressMessage("Usage", "CA2213:Disposable fields should be disposed", Justification = "As _slots: released by items still starting at shutdown.")]
    private readonly SemaphoreSlim _room = new(options.Value.WorkQueueCapacity);
    private int _pending;
    private TaskCompletionSource _idle = Completed();

    /// <summary>How many payloads may wait to start (<see cref="SlackOptions.WorkQueueCapacity"/>).</summary>
    public int Capacity { get; } = options.Value.WorkQueueCapacity;

    /// <summary>Queues a follow-up of work already admitted (it takes no room), to run after the current request has been answered.</summary>
    public void Enqueue(Func<IServiceProvider, CancellationToken, Task> work) =>
        _ = Add(Returning(work), holdsRoom: false);

    /// <summary>Queues a follow-up of work already admitted (it takes no room) and gives its result.</summary>
    public Task<T> Run<T>(Func<IServiceProvider, CancellationToken, Task<T>> work) => Add(work, holdsRoom: false);

    /// <summary>
    /// Queues a new payload's work once there is room, waiting for room until <paramref name="until"/> (the ack budget)
    /// is cancelled; false when no room came in time — the caller must then not acknowledge the payload as taken.
    /// </summary>
    public async Task<bool> TryEnqueueAsync(Func<IServiceProvider, CancellationToken, Task> work, CancellationToken until)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await TryRunAsync(Returning(work), until).ConfigureAwait(false) is not null;
    }

    /// <summary>As <see cref="TryEnqueueAsync"/>, giving the work's result; null when no room came in time.</summary>
    public async Task<Task<T>?> TryRunAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken until)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_room.Wait(0, CancellationToken.None))
        {
            try
            {
                await _room.WaitAsync(until).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (until.IsCancellationRequested)
            {
                return null;
            }
        }
        return Add(work, holdsRoom: true);
    }

    private static Func<IServiceProvider, CancellationToken, Task<bool>> Returning(Func<IServiceProvider, CancellationToken, Task> work) =>
        async (services, ct) =>
        {
            await work(services, ct).ConfigureAwait(false);
            return true;
        };

    private Task<T> Add<T>(Func<IServiceProvider, CancellationToken, Task<T>> work, bool holdsRoom)
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
        _queue.Writer.TryWrite((async () =>
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
        }, holdsRoom));
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
                if (item.HoldsRoom)
                {
                    // It starts now: its place in the queue goes to the next payload.
                    _room.Release();
                }
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await item.Work().ConfigureAwait(false);
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
