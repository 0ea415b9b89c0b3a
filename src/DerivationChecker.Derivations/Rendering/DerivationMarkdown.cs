using System.Text;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Derivations.Rendering;

/// <summary>
/// A derivation as Markdown with GitHub-style math: each step on its own display line, the rule in
/// words and the engine's check beside it, sub-steps indented under their step.
/// </summary>
public static class DerivationMarkdown
{
    public static string Render(Derivation d, int headingLevel = 2)
    {
        var sb = new StringBuilder();
        sb.Append('#', headingLevel).Append(' ').Append(d.Title).Append(" (`").Append(d.Name).Append("`)\n\n");
        sb.Append(d.Goal).Append("\n\n");
        foreach (var assumption in d.Assumptions) sb.Append("- Assumption: ").Append(assumption).Append('\n');
        if (!d.Assumptions.IsEmpty) sb.Append('\n');
        var number = 0;
        foreach (var step in d.Steps)
        {
            number++;
            var lhs = step.Subject is not null ? LatexWriter.Write(step.Subject) + " " : "";
            sb.Append(number).Append(". **").Append(step.Rule).Append("** — ").Append(StepText.Check(step.Check)).Append("\n\n");
            sb.Append("   $$").Append(lhs).Append(StepText.Relation(step.Relation)).Append(' ').Append(LatexWriter.Write(step.After)).Append("$$\n\n");
            if (step.Note is not null) sb.Append("   ").Append(step.Note).Append("\n\n");
            foreach (var sub in step.SubSteps)
            {
                sb.Append("   - ").Append(sub.Rule).Append(" — ").Append(StepText.Check(sub.Check)).Append(": $")
                    .Append(LatexWriter.Write(sub.Before)).Append(' ').Append(StepText.Relation(sub.Relation)).Append(' ').Append(LatexWriter.Write(sub.After)).Append("$\n");
            }
            if (!step.SubSteps.IsEmpty) sb.Append('\n');
        }
        sb.Append(d.Results.Length == 1 ? "**Result:**\n\n" : "**Results:**\n\n");
        foreach (var result in d.Results)
            sb.Append("$$").Append(LatexWriter.Write(result.Subject)).Append(' ').Append(StepText.Relation(result.Relation)).Append(' ').Append(LatexWriter.Write(result.Value)).Append("$$\n\n");
        return sb.ToString().TrimEnd('\n') + "\n";
    }
}
