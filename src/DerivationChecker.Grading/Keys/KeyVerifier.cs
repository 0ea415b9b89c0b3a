using System.Collections.Immutable;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Derivations;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Modes;

namespace DerivationChecker.Grading.Keys;

/// <summary>
/// Checks a key against the engine (<c>dc keys verify</c>): each mode checks its own parts (accepted
/// answers agree, wrong answers are wrong and get the diagnosis their rule names, circuits pass their
/// own simulation, choices are consistent), and a part naming a derivation of the catalog must agree
/// with the result that derivation reaches. A derivation not in the catalog yet is a warning.
/// </summary>
public static class KeyVerifier
{
    public static ImmutableArray<KeyFinding> Verify(AnswerKey key, GradingOptions? options = null)
    {
        options ??= GradingOptions.Default;
        var findings = ImmutableArray.CreateBuilder<KeyFinding>();
        foreach (var part in key.Parts)
        {
            findings.AddRange(GradingModes.For(part.Mode).Verify(key, part, options));
            if (part.Derivation is not null) findings.AddRange(VerifyDerivation(key, part, options));
        }
        return findings.ToImmutable();
    }

    private static IEnumerable<KeyFinding> VerifyDerivation(AnswerKey key, Part part, GradingOptions options)
    {
        var recipe = DerivationCatalog.Find(part.Derivation!);
        if (recipe is null)
        {
            yield return KeyFinding.Warning(part.Where, part.Id, $"the derivation '{part.Derivation}' is not in the catalog yet (dc derive --list); its result was not compared");
            yield break;
        }
        if (part.Spec is not QuantitiesSpec spec)
        {
            yield return KeyFinding.Warning(part.Where, part.Id, $"a {part.Mode} part has no formula to compare with the derivation '{recipe.Name}'");
            yield break;
        }
        Core.Derivations.Derivation derivation;
        string? failure = null;
        try
        {
            derivation = recipe.Build();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            derivation = null!;
            failure = ex.Message;
        }
        if (failure is not null)
        {
            yield return KeyFinding.Error(part.Where, part.Id, $"the derivation '{recipe.Name}' could not be built: {failure}");
            yield break;
        }

        // What the derivation reaches for each thing it is about: the last expression an equal step
        // reaches under a subject (a step may start a new equation, its Subject), and over that the
        // results the derivation states (Subject = value). A bound or an implication reached under a
        // subject (σ'(t) ≤ ¼ after σ'(t) = σ(t)(1 − σ(t))) is not its value.
        // The derivation states its problem in its own notation (h as a family over t, T general); its
        // subjects and results are read again, as written, in this part's context, so they are compared
        // with the key's symbols and definitions (a key may fix T = 3 with a definition).
        var reached = new List<(Expr Subject, Expr Value)>();
        var subject = derivation.Subject;
        foreach (var step in derivation.Steps)
        {
            subject = step.Subject ?? subject;
            if (step.Relation == StepRelation.Equal) reached.Add((subject, step.After));
        }
        reached.AddRange(derivation.Results.Where(r => r.Relation == StepRelation.Equal).Select(r => (r.Subject, r.Value)));
        reached = [.. reached.Select(r => (InContext(part, r.Subject), InContext(part, r.Value))).Where(r => r.Item1 is not null && r.Item2 is not null).Select(r => (r.Item1!, r.Item2!))];
        var isItsPart = string.Equals(recipe.Part, part.QualifiedId(key), StringComparison.OrdinalIgnoreCase);
        var compared = false;
        foreach (var q in spec.Quantities)
        {
            // Every form the derivation reaches for this quantity (∂J_t/∂h_i in terms of ∂J_t/∂o_t, then
            // with it substituted): the key agrees with the derivation when it agrees with one of them.
            var values = reached.Where(r => QuantityMatcher.Names(q, r.Subject)).Select(r => r.Value).Distinct().Reverse().ToList();
            if (values.Count == 0 && isItsPart && spec.Quantities.Length == 1 && InContext(part, derivation.Result) is { } result) values.Add(result);
            if (values.Count == 0) continue;
            compared = true;
            Verdict v = null!;
            foreach (var value in values)
            {
                v = options.Checker().Check(q.Accept[0].Value, value, part.Context.Definitions);
                if (v.Kind == VerdictKind.Equivalent) break;
            }
            if (v.Kind == VerdictKind.NotEquivalent)
                yield return KeyFinding.Error(q.Accept[0].Where, part.Id, $"the derivation '{recipe.Name}' reaches a result that is not equivalent to the accepted answer: {v.Message}");
            else if (v.Kind == VerdictKind.Inconclusive)
                yield return KeyFinding.Error(q.Accept[0].Where, part.Id, $"the engine cannot decide whether the derivation '{recipe.Name}' agrees with the accepted answer ({v.Message})");
        }
        if (!compared)
            yield return KeyFinding.Warning(part.Where, part.Id, $"the derivation '{recipe.Name}' derives {Notation.Unicode.UnicodeWriter.Write(derivation.Subject)}, which is none of this part's quantities; nothing was compared");
    }

    /// <summary>An expression of the derivation read again, as written, with the part's symbols; null when it does not read.</summary>
    private static Expr? InContext(Part part, Expr e)
    {
        var read = part.Context.Read(Notation.Latex.LatexWriter.Write(e));
        return read.Ok ? read.Value : null;
    }
}
