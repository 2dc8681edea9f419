using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LearningBot.Storage.Sqlite;

/// <summary>
/// The one writer of a SQLite file in this process. SQLite takes one write transaction at a time; when a second one
/// finds the file locked, Microsoft.Data.Sqlite retries it with <c>Thread.Sleep</c> on the calling thread-pool thread
/// (150 ms at a time), which under load is most of a turn's time. Writers wait here instead, asynchronously and in
/// turn, so SQLite never sees two at once and no thread sleeps. Readers do not take it (the file is in WAL mode, where
/// reading never blocks writing).
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    /// <summary>
    /// How long a writer waits for its turn before it goes ahead anyway and leaves the waiting to SQLite's busy handling:
    /// a bound on the wait, never a deadlock, should one scope ever wait for another while holding the gate.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the writer's turn; false when <see cref="MaxWait"/> passed first (the caller goes ahead ungated).</summary>
    public Task<bool> EnterAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(MaxWait, cancellationToken);

    /// <summary>Waits for the writer's turn, blocking; for the synchronous EF paths (migrations at start).</summary>
    public bool Enter() => _semaphore.Wait(MaxWait);

    /// <summary>Ends the writer's turn.</summary>
    public void Exit() => _semaphore.Release();

    /// <inheritdoc />
    public void Dispose() => _semaphore.Dispose();
}

/// <summary>
/// Takes the <see cref="SqliteWriteGate"/> for one context's writes: a SaveChanges (with changes), an explicit
/// transaction from begin to commit or rollback, and a bulk update or delete outside both. One per context (scoped).
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate)
    : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    // In WAL mode, NORMAL syncs the log at checkpoints instead of on every commit: a commit survives the process
    // crashing (kill -9), and only an operating-system crash or power cut can take back the last commits. With FULL,
    // every turn's write waited for the disk (an fsync each), which on a busy disk capped turns at a few dozen a second.
    private const string Synchronous = "PRAGMA synchronous=NORMAL;";

    public async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Synchronous;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Synchronous;
        command.ExecuteNonQuery();
    }

    private bool _save;
    private bool _transaction;
    private bool _command;

    private bool Held => _save || _transaction || _command;

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ForgetEndedTransaction(eventData.Context);
        if (!Held && eventData.Context is { } context && context.ChangeTracker.HasChanges())
        {
            _save = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ForgetEndedTransaction(eventData.Context);
        if (!Held && eventData.Context is { } context && context.ChangeTracker.HasChanges())
        {
            _save = gate.Enter();
        }
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndSave();
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndSave();
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndSave();
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => EndSave();

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        EndSave();
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => EndSave();

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!Held)
        {
            _transaction = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!Held)
        {
            _transaction = gate.Enter();
        }
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => EndTransaction();

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ForgetEndedTransaction(eventData.Context);
        if (!Held && eventData.Context is not null)
        {
            _command = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        ForgetEndedTransaction(eventData.Context);
        if (!Held && eventData.Context is not null)
        {
            _command = gate.Enter();
        }
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndCommand();
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        EndCommand();
        return result;
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand();
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndCommand();

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand();
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndCommand();

    public void Dispose()
    {
        if (Held)
        {
            _save = _transaction = _command = false;
            gate.Exit();
        }
    }

    // A transaction disposed without commit or rollback raises neither event; once the context has none, its turn is over.
    private void ForgetEndedTransaction(DbContext? context)
    {
        if (_transaction && context?.Database.CurrentTransaction is null)
        {
            EndTransaction();
        }
    }

    private void EndSave()
    {
        if (_save)
        {
            _save = false;
            ExitIfFree();
        }
    }

    private void EndTransaction()
    {
        if (_transaction)
        {
            _transaction = false;
            ExitIfFree();
        }
    }

    private void EndCommand()
    {
        if (_command)
        {
            _command = false;
            ExitIfFree();
        }
    }

    private void ExitIfFree()
    {
        if (!Held)
        {
            gate.Exit();
        }
    }
}
