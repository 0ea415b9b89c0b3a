using System.Diagnostics;

namespace DerivationChecker.Classroom.Batch;

/// <summary>
/// Runs jobs on a fixed number of worker threads, each job under a time limit that cannot be
/// ignored. A job that throws gets <c>onError</c>'s result. A job that finishes after its limit gets
/// <c>onTimeout</c>'s result (unless <c>keepLate</c> says its own result already says it ran out of
/// time). A job still running well past its limit is answered with <c>onTimeout</c> by a watchdog, its
/// worker is abandoned (it finishes in the background and its result is dropped) and a new worker
/// takes its place, so one runaway input never holds up the rest. Workers get a large stack, so deep
/// but legal input is not what stops them.
/// </summary>
internal sealed class BoundedWorkers<TJob, TResult>
{
    private const int StackBytes = 16 * 1024 * 1024;

    private readonly IReadOnlyList<TJob> _jobs;
    private readonly TimeSpan _limit;
    private readonly Func<TJob, TResult> _work;
    private readonly Func<TJob, TimeSpan, TResult> _onTimeout;
    private readonly Func<TJob, Exception, TResult> _onError;
    private readonly Func<TResult, bool> _keepLate;
    private readonly Action<int, TResult, TimeSpan> _completed;
    private readonly TResult[] _results;
    private readonly int[] _done;
    private readonly List<Slot> _slots = [];
    private readonly CountdownEvent _remaining;
    private readonly CancellationToken _cancel;
    private int _next = -1;

    private sealed class Slot
    {
        public int Job = -1;
        public long Started;
        public volatile bool Abandoned;
    }

    private BoundedWorkers(IReadOnlyList<TJob> jobs, TimeSpan limit, Func<TJob, TResult> work, Func<TJob, TimeSpan, TResult> onTimeout,
        Func<TJob, Exception, TResult> onError, Func<TResult, bool> keepLate, Action<int, TResult, TimeSpan> completed, CancellationToken cancel)
    {
        (_jobs, _limit, _work, _onTimeout, _onError, _keepLate, _completed, _cancel) = (jobs, limit, work, onTimeout, onError, keepLate, completed, cancel);
        _results = new TResult[jobs.Count];
        _done = new int[jobs.Count];
        _remaining = new CountdownEvent(jobs.Count);
    }

    /// <summary>
    /// Runs every job and returns the results in job order. <paramref name="completed"/> is called once
    /// per job, from any thread, with the job's index, result and time. <paramref name="tick"/> runs on the
    /// calling thread between watchdog rounds (for checkpoints). Cancellation stops taking new jobs and throws.
    /// </summary>
    public static TResult[] Run(IReadOnlyList<TJob> jobs, int workers, TimeSpan limit,
        Func<TJob, TResult> work, Func<TJob, TimeSpan, TResult> onTimeout, Func<TJob, Exception, TResult> onError,
        Func<TResult, bool>? keepLate = null, Action<int, TResult, TimeSpan>? completed = null, Action? tick = null,
        CancellationToken cancel = default)
    {
        if (jobs.Count == 0) return [];
        var runner = new BoundedWorkers<TJob, TResult>(jobs, limit, work, onTimeout, onError, keepLate ?? (_ => false), completed ?? ((_, _, _) => { }), cancel);
        return runner.RunAll(Math.Clamp(workers, 1, jobs.Count), tick);
    }

    private TResult[] RunAll(int workers, Action? tick)
    {
        for (var i = 0; i < workers; i++) StartWorker();
        // The watchdog answers for a job only well past its limit: a job that merely overruns is
        // answered by its own worker, which keeps the engine's explanation when it has one.
        var hardLimit = _limit + TimeSpan.FromMilliseconds(Math.Min(_limit.TotalMilliseconds, 1000) + 50);
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(_limit.TotalMilliseconds / 4, 5, 100));
        while (!_remaining.Wait(poll))
        {
            if (_cancel.IsCancellationRequested)
            {
                foreach (var slot in Snapshot()) slot.Abandoned = true;
                _cancel.ThrowIfCancellationRequested();
            }
            foreach (var slot in Snapshot())
            {
                var job = Volatile.Read(ref slot.Job);
                if (job < 0 || slot.Abandoned) continue;
                var started = Volatile.Read(ref slot.Started);
                if (Volatile.Read(ref slot.Job) != job) continue;
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (elapsed <= hardLimit) continue;
                if (Complete(job, Safe(() => _onTimeout(_jobs[job], elapsed), job), elapsed))
                {
                    slot.Abandoned = true;
                    StartWorker();
                }
            }
            tick?.Invoke();
        }
        _cancel.ThrowIfCancellationRequested();
        return _results;
    }

    private List<Slot> Snapshot()
    {
        lock (_slots) return [.. _slots];
    }

    private void StartWorker()
    {
        var slot = new Slot();
        lock (_slots) _slots.Add(slot);
        var thread = new Thread(() => Work(slot), StackBytes) { IsBackground = true, Name = "dc-grade" };
        thread.Start();
    }

    private void Work(Slot slot)
    {
        while (!slot.Abandoned && !_cancel.IsCancellationRequested)
        {
            var i = Interlocked.Increment(ref _next);
            if (i >= _jobs.Count) return;
            Volatile.Write(ref slot.Started, Stopwatch.GetTimestamp());
            Volatile.Write(ref slot.Job, i);
            TResult result;
            try
            {
                result = _work(_jobs[i]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = Safe(() => _onError(_jobs[i], ex), i);
            }
            var elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref slot.Started));
            if (elapsed > _limit && !_keepLate(result)) result = Safe(() => _onTimeout(_jobs[i], elapsed), i);
            Volatile.Write(ref slot.Job, -1);
            // Already answered by the watchdog: this worker was replaced, so it stops.
            if (!Complete(i, result, elapsed)) return;
        }
    }

    private TResult Safe(Func<TResult> make, int job)
    {
        try
        {
            return make();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return _onError(_jobs[job], ex);
        }
    }

    private bool Complete(int job, TResult result, TimeSpan elapsed)
    {
        if (Interlocked.CompareExchange(ref _done[job], 1, 0) != 0) return false;
        _results[job] = result;
        try
        {
            _completed(job, result, elapsed);
        }
        finally
        {
            _remaining.Signal();
        }
        return true;
    }
}
