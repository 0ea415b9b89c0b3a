using System.Text;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Notation;

/// <summary>
/// Where and why reading failed, in words a student understands. <see cref="Position"/> is a
/// 0-based offset into the text as given; <see cref="Line"/> and <see cref="Column"/> are 1-based.
/// </summary>
public sealed record ParseError(string Input, int Position, int Length, string Message)
{
    public int Line => Input.AsSpan(0, Math.Min(Position, Input.Length)).Count('\n') + 1;

    public int Column
    {
        get
        {
            var p = Math.Min(Position, Input.Length);
            var lineStart = Input.LastIndexOf('\n', Math.Max(0, p - 1)) + 1;
            if (p == 0) lineStart = 0;
            return p - lineStart + 1;
        }
    }

    /// <summary>"column 12" on one line, "line 2, column 5" otherwise.</summary>
    public string Where => Input.Contains('\n') ? $"line {Line}, column {Column}" : $"column {Column}";

    public override string ToString() => $"{Where}: {Message}";

    /// <summary>The offending line with a caret under the position, for terminals.</summary>
    public string Pointer()
    {
        var p = Math.Min(Position, Input.Length);
        var lineStart = p == 0 ? 0 : Input.LastIndexOf('\n', Math.Max(0, p - 1)) + 1;
        var lineEnd = Input.IndexOf('\n', p);
        if (lineEnd < 0) lineEnd = Input.Length;
        var line = Input[lineStart..lineEnd];
        var column = p - lineStart;
        // Keep long lines readable: show a window around the position.
        var from = Math.Max(0, column - 40);
        var to = Math.Min(line.Length, column + 40);
        var sb = new StringBuilder();
        sb.Append(from > 0 ? "…" : "").Append(line[from..to]).Append(to < line.Length ? "…" : "").Append('\n');
        sb.Append(' ', column - from + (from > 0 ? 1 : 0)).Append('^', Math.Max(1, Math.Min(Length, to - column)));
        return sb.ToString();
    }
}

/// <summary>The expression the reader built, or the error that stopped it; never both, never neither.</summary>
public sealed record ParseResult(Expr? Value, ParseError? Error, IReadOnlyList<string> Warnings)
{
    public bool Ok => Error is null;

    public static ParseResult Success(Expr value, IReadOnlyList<string>? warnings = null) => new(value, null, warnings ?? []);
    public static ParseResult Failure(ParseError error) => new(null, error, []);

    /// <summary>The value, or an exception carrying the positioned message (for trusted inputs such as keys).</summary>
    public Expr ValueOrThrow() => Value ?? throw new FormatException(Error!.ToString());
}

/// <summary>Internal: unwinds a parse to its entry point with a positioned message.</summary>
internal sealed class ParseException(int position, int length, string message) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
}
