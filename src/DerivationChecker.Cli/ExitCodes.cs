namespace DerivationChecker.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Read / equivalent / full marks.</summary>
    public const int Ok = 0;

    /// <summary>Not equivalent / not full marks.</summary>
    public const int No = 1;

    /// <summary>The input could not be read (a parse error, a bad option).</summary>
    public const int BadInput = 2;

    /// <summary>The engine could not decide within its limits.</summary>
    public const int Inconclusive = 3;
}
