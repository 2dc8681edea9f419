using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LearningBot.Core.Tests.Knowledge;

/// <summary>
/// Holds transactions at their start until a given number of them have arrived, so requests that a test runs "at
/// once" really overlap: each has done its reads before any of them writes. Disarmed again once they are let go.
/// </summary>
public sealed class TransactionGate : DbTransactionInterceptor
{
    private TaskCompletionSource? _open;
    private int _expected;
    private int _arrived;

    public void HoldUntil(int count)
    {
        _expected = count;
        _arrived = 0;
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (_open is { } open)
        {
            if (Interlocked.Increment(ref _arrived) == _expected)
            {
                _open = null;
                open.SetResult();
            }
            // A safety net, not a delay: if the others never come, the test fails instead of hanging.
            await open.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        return result;
    }
}
