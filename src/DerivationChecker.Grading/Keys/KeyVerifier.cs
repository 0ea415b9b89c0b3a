using System.Collections.Immutable;
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

        // What the derivation reaches for each thing it is about: a step may start a new equation
        // (its Subject), and the last expression reached under a subject is that subject's value.
        var reached = new List<(Expr Subject, Expr Value)>();
        var subject = derivation.Subject;
        foreach (var step in derivation.Steps)
        {
            subject = step.Subject ?? subject;
            reached.Add((subject, step.After));
        }
        var isItsPart = string.Equals(recipe.Part, part.QualifiedId(key), StringComparison.OrdinalIgnoreCase);
        var compared = false;
        foreach (var q in spec.Quantities)
        {
            var value = reached.LastOrDefault(r => QuantityMatcher.Names(q, r.Subject)).Value
                ?? (isItsPart && spec.Quantities.Length == 1 ? derivation.Result : null);
            if (value is null) continue;
            compared = true;
            var v = options.Checker().Check(q.Accept[0].Value, value, part.Context.Definitions);
            if (v.Kind == VerdictKind.NotEquivalent)
                yield return KeyFinding.Error(q.Accept[0].Where, part.Id, $"the derivation '{recipe.Name}' reaches a result that is not equivalent to the accepted answer: {v.Message}");
            else if (v.Kind == VerdictKind.Inconclusive)
                yield return KeyFinding.Error(q.Accept[0].Where, part.Id, $"the engine cannot decide whether the derivation '{recipe.Name}' agrees with the accepted answer ({v.Message})");
        }
        if (!compared)
            yield return KeyFinding.Warning(part.Where, part.Id, $"the derivation '{recipe.Name}' derives {Notation.Unicode.UnicodeWriter.Write(derivation.Subject)}, which is none of this part's quantities; nothing was compared");
    }
}
