using System.Runtime.CompilerServices;

namespace DerivationChecker.Core.Expressions;

/// <summary>
/// Guards recursion over deep trees. Asking the runtime for the remaining stack reads thread-local
/// state and is slow enough to dominate a tree walk, so it is asked only every 32 levels.
/// </summary>
public static class StackGuard
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int depth)
    {
        if ((depth & 31) == 0) RuntimeHelpers.EnsureSufficientExecutionStack();
    }
}
