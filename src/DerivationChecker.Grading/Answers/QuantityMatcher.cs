using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Answers;

/// <summary>The expression graded for one quantity, and the statement it came from.</summary>
public sealed record QuantityAnswer(Quantity Quantity, Expr Value, AnswerItem Item);

/// <summary>Which statement answers which quantity; what matched nothing, and what is missing.</summary>
public sealed record QuantityMatch(
    ImmutableArray<QuantityAnswer> Matched,
    ImmutableArray<AnswerItem> Unmatched,
    ImmutableArray<Quantity> Missing,
    ImmutableArray<string> Notes)
{
    public QuantityAnswer? For(Quantity q) => Matched.FirstOrDefault(m => ReferenceEquals(m.Quantity, q));
}

/// <summary>
/// Matches each equation of an answer to a quantity by what its left-hand side names: the parsed
/// side is compared with the quantity's names, a derivative written with d, ∂ or ∇ for the same body
/// and variable counts as the same name. In a chain the graded expression is the last side that is
/// not itself a name (…= g_{o_t} at the end of a chain names the result, it does not answer).
/// A distribution statement (x ∼ 𝒩(0, 1)) is an assumption: it matches nothing and is not graded.
/// </summary>
public static class QuantityMatcher
{
    public static QuantityMatch Match(StudentAnswer answer, ImmutableArray<Quantity> quantities)
    {
        var names = quantities.ToDictionary(q => q, q => q.Names.Select(n => Normalize(n.Value)).ToHashSet());
        var notes = ImmutableArray.CreateBuilder<string>();
        var found = new Dictionary<Quantity, QuantityAnswer>();
        var unmatched = ImmutableArray.CreateBuilder<AnswerItem>();
        foreach (var item in answer.Items)
        {
            // w_j ∼ 𝒩(0, τ²) states an assumption of the derivation; it answers nothing.
            if (EquivalenceChecker.DistributionStatement(item.Source) is not null)
            {
                notes.Add($"{UnicodeWriter.Write(item.Source)} says how a quantity is distributed; it is an assumption, not an answer, and was not graded.");
                continue;
            }
            var quantity = item.IsEquation ? quantities.FirstOrDefault(q => item.Sides.Any(s => names[q].Contains(Normalize(s)))) : null;
            var value = quantity is null ? null : GradedSide(item, names[quantity]);
            if (quantity is null || value is null)
            {
                unmatched.Add(item);
                continue;
            }
            if (found.ContainsKey(quantity)) notes.Add($"{Label(quantity)} is given more than once; the last one was graded.");
            found[quantity] = new QuantityAnswer(quantity, value, item);
        }

        // A part asking for one thing takes its one statement whatever its left side says.
        if (quantities.Length == 1 && found.Count == 0 && unmatched.Count > 0)
        {
            var only = quantities[0];
            var item = unmatched[^1];
            if (item.IsEquation)
                notes.Add($"The left side {UnicodeWriter.Write(item.Sides[0])} is not a name the key knows for {Label(only)}; the last expression of the statement was graded.");
            if (unmatched.Count > 1) notes.Add($"The answer has {unmatched.Count} statements; the last one was graded.");
            found[only] = new QuantityAnswer(only, item.Last, item);
            unmatched.Clear();
        }

        var matched = quantities.Where(found.ContainsKey).Select(q => found[q]).ToImmutableArray();
        var missing = quantities.Where(q => !found.ContainsKey(q)).ToImmutableArray();
        return new QuantityMatch(matched, unmatched.ToImmutable(), missing, notes.ToImmutable());
    }

    /// <summary>
    /// The last side that is not a name; a chain that ends by setting its value to zero
    /// (∇_w L = 2XᵀXw − 2Xᵀy = 0) is graded on the side before the 0.
    /// </summary>
    private static Expr? GradedSide(AnswerItem item, HashSet<Expr> names)
    {
        var values = item.Sides.Where(s => !names.Contains(Normalize(s))).ToList();
        return values is [.., var before, Number zero] && zero.Equals(Number.Zero) ? before : values.LastOrDefault();
    }

    /// <summary>Does <paramref name="e"/> name this quantity (with d, ∂ and ∇ the same)?</summary>
    public static bool Names(Quantity quantity, Expr e) => quantity.Names.Any(n => Normalize(n.Value).Equals(Normalize(e)));

    /// <summary>A derivative written with d, ∂ or ∇ names the same thing: compare with the style removed.</summary>
    public static Expr Normalize(Expr e) => e.Rewrite(node =>
        node is Derivative { Style: not DerivativeStyle.Partial } d ? new Derivative(d.Body, d.Variables) : node);

    private static string Label(Quantity q) => q.Names.IsEmpty ? q.Id : UnicodeWriter.Write(q.Names[0].Value);
}
