using System.Diagnostics;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// A time and work limit for one check. Long loops call <see cref="Tick"/>; past the limit it throws
/// <see cref="BudgetExceededException"/>, which the checker turns into an "inconclusive" verdict.
/// </summary>
public sealed class Budget
{
    private readonly long _deadline;
    private readonly long _maxSteps;
    private long _steps;

    public static Budget Unlimited => new(TimeSpan.FromDays(1), long.MaxValue);

    public Budget(TimeSpan limit, long maxSteps = 200_000_000)
    {
        Limit = limit;
        _deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        _maxSteps = maxSteps;
    }

    public TimeSpan Limit { get; }

    public bool Expired => Stopwatch.GetTimestamp() > _deadline;

    public void Tick(long steps = 1)
    {
        _steps += steps;
        if ((_steps & 1023) < steps || steps > 1023)
        {
            if (_steps > _maxSteps) throw new BudgetExceededException($"more than {_maxSteps:N0} evaluation steps");
            if (Stopwatch.GetTimestamp() > _deadline) throw new BudgetExceededException($"the time limit of {Limit.TotalMilliseconds:0} ms");
        }
    }

    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() > _deadline) throw new BudgetExceededException($"the time limit of {Limit.TotalMilliseconds:0} ms");
    }
}

public sealed class BudgetExceededException(string reason) : Exception($"stopped after {reason}")
{
    public string Reason { get; } = reason;
}
