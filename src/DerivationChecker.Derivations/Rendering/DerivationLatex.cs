using System.Text;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Derivations.Rendering;

/// <summary>A derivation as a LaTeX fragment: an align* block with the rule and check of each line.</summary>
public static class DerivationLatex
{
    public static string Render(Derivation d)
    {
        var sb = new StringBuilder();
        sb.Append("\\subsection*{").Append(Escape(d.Title)).Append("}\n");
        sb.Append(d.Goal).Append("\n\n");
        foreach (var assumption in d.Assumptions) sb.Append("\\noindent Assumption: ").Append(Escape(assumption)).Append("\n\n");
        sb.Append("\\begin{align*}\n");
        var first = true;
        foreach (var step in d.Steps)
        {
            if (!first) sb.Append(" \\\\\n");
            var lhs = step.Subject is not null ? LatexWriter.Write(step.Subject) : "";
            sb.Append(lhs).Append(" &").Append(StepText.Relation(step.Relation)).Append(' ').Append(LatexWriter.Write(step.After))
                .Append(" && \\text{").Append(Escape(step.Rule)).Append("; ").Append(Escape(StepText.Check(step.Check))).Append('}');
            foreach (var sub in step.SubSteps)
            {
                sb.Append(" \\\\\n& \\qquad ").Append(LatexWriter.Write(sub.Before)).Append(' ').Append(StepText.Relation(sub.Relation)).Append(' ').Append(LatexWriter.Write(sub.After))
                    .Append(" && \\text{").Append(Escape(sub.Rule)).Append('}');
            }
            first = false;
        }
        sb.Append("\n\\end{align*}\n");
        return sb.ToString();
    }

    /// <summary>Text for \text{…}: LaTeX's special characters escaped; Unicode math letters left to the font.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '$' or '&' or '#' or '%' or '_' => "\\" + c,
                '^' => @"\^{}",
                '~' => @"\~{}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
