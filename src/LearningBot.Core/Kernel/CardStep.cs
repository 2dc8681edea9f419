using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace LearningBot.Core.Kernel;

/// <summary>
/// A step a card's buttons move a record through — a participant answering a debrief, a proposed lesson awaiting its
/// decision, a circle round taking check-ins. Cards stay in chats long after they were sent, and channels redeliver
/// clicks, so a button is honoured only while its record is still at the step the card was sent for: a stale card is
/// recognised when the record is read (<see cref="IsCurrent"/>), and of two clicks racing, the one conditional update
/// that moves the record on (<see cref="TryMoveOnAsync"/>) picks the single winner.
/// </summary>
/// <typeparam name="TRecord">The record whose state the step is.</typeparam>
public sealed class CardStep<TRecord>
    where TRecord : class
{
    private readonly Expression<Func<TRecord, bool>> _current;
    private readonly Func<TRecord, bool> _isCurrent;

    /// <param name="current">True while a record is at this step; it must translate to SQL.</param>
    public CardStep(Expression<Func<TRecord, bool>> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _current = current;
        _isCurrent = current.Compile();
    }

    /// <summary>True while <paramref name="record"/> (as read) is still at this step.</summary>
    public bool IsCurrent(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _isCurrent(record);
    }

    /// <summary>
    /// Moves the one record <paramref name="record"/> selects on, in one conditional update that applies only while it
    /// is still at this step. True for the caller whose update did; false when it had already moved on (a replayed or
    /// double click, a stale card).
    /// </summary>
    public async Task<bool> TryMoveOnAsync(IQueryable<TRecord> record, Action<UpdateSettersBuilder<TRecord>> moveOn, CancellationToken cancellationToken) =>
        await record.Where(_current).ExecuteUpdateAsync(moveOn, cancellationToken).ConfigureAwait(false) == 1;
}
