using System.Collections.Immutable;

namespace DerivationChecker.Grading.Keys;

/// <summary>What is wrong in a key, and where: file, 1-based line and column, and the field's path.</summary>
public sealed record KeyError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>A loaded key, or the errors that stopped it; loading never throws for a bad key.</summary>
public sealed record KeyLoadResult(AnswerKey? Key, ImmutableArray<KeyError> Errors)
{
    public bool Ok => Key is not null && Errors.IsEmpty;
}
