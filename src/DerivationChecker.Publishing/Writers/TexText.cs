using System.Text;

namespace DerivationChecker.Publishing.Writers;

/// <summary>
/// Prose for (Xe)LaTeX: special characters escaped, the Unicode formulas the derivations write in
/// prose (σ_k, ∂h_T/∂h_i, σσᵀ, t ≥ i) set with math-mode commands so any text font can print them,
/// and scripts typed in prose raised or lowered in math mode.
/// </summary>
internal static class TexText
{
    private static readonly Dictionary<char, string> MathCharacters = new()
    {
        ['α'] = @"\alpha", ['β'] = @"\beta", ['γ'] = @"\gamma", ['δ'] = @"\delta", ['ε'] = @"\varepsilon", ['ϵ'] = @"\epsilon",
        ['ζ'] = @"\zeta", ['η'] = @"\eta", ['θ'] = @"\theta", ['ϑ'] = @"\vartheta", ['ι'] = @"\iota", ['κ'] = @"\kappa",
        ['λ'] = @"\lambda", ['μ'] = @"\mu", ['ν'] = @"\nu", ['ξ'] = @"\xi", ['π'] = @"\pi", ['ρ'] = @"\rho", ['ϱ'] = @"\varrho",
        ['σ'] = @"\sigma", ['ς'] = @"\varsigma", ['τ'] = @"\tau", ['υ'] = @"\upsilon", ['ϕ'] = @"\phi", ['φ'] = @"\varphi",
        ['χ'] = @"\chi", ['ψ'] = @"\psi", ['ω'] = @"\omega", ['Γ'] = @"\Gamma", ['Δ'] = @"\Delta", ['Θ'] = @"\Theta",
        ['Λ'] = @"\Lambda", ['Ξ'] = @"\Xi", ['Π'] = @"\Pi", ['Σ'] = @"\Sigma", ['Υ'] = @"\Upsilon", ['Φ'] = @"\Phi",
        ['Ψ'] = @"\Psi", ['Ω'] = @"\Omega", ['ℓ'] = @"\ell",
        ['∂'] = @"\partial", ['∇'] = @"\nabla", ['∞'] = @"\infty", ['∑'] = @"\sum", ['∏'] = @"\prod", ['√'] = @"\surd",
        ['−'] = "-", ['±'] = @"\pm", ['·'] = @"\cdot", ['×'] = @"\times", ['⊙'] = @"\odot", ['⊘'] = @"\oslash",
        ['≤'] = @"\leq", ['≥'] = @"\geq", ['≠'] = @"\neq", ['≈'] = @"\approx", ['∈'] = @"\in", ['→'] = @"\to",
        ['←'] = @"\leftarrow", ['⇒'] = @"\Rightarrow", ['⇔'] = @"\Leftrightarrow", ['‖'] = @"\|",
        ['⊤'] = @"\top", ['⋯'] = @"\cdots", ['⋮'] = @"\vdots", ['∀'] = @"\forall", ['∃'] = @"\exists", ['⊂'] = @"\subset",
    };

    /// <summary>Raised and lowered characters (x², ᵀ, ⁽ⁱ⁾, b₁) and what they raise or lower; a run of them becomes one script.</summary>
    private static readonly Dictionary<char, (char Position, string Content)> Scripts = BuildScripts();

    private static Dictionary<char, (char, string)> BuildScripts()
    {
        var table = new Dictionary<char, (char, string)> { ['ᵀ'] = ('^', @"\top "), ['′'] = ('^', @"\prime ") };
        void Add(char position, string raised, string plain)
        {
            for (var i = 0; i < raised.Length; i++)
                if (raised[i] != ' ') table[raised[i]] = (position, plain[i].ToString());
        }
        Add('^', "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", "0123456789+-=()");
        Add('^', "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖ ʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnopqrstuvwxyz");
        Add('_', "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()");
        Add('_', "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", "aehijklmnoprstuvx");
        return table;
    }

    /// <summary>LaTeX's special characters escaped; Unicode math symbols as math-mode commands.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Scripts.TryGetValue(c, out var script))
            {
                sb.Append("\\ensuremath{").Append(script.Position).Append('{').Append(script.Content);
                while (i + 1 < text.Length && Scripts.TryGetValue(text[i + 1], out var more) && more.Position == script.Position)
                {
                    sb.Append(more.Content);
                    i++;
                }
                sb.Append("}}");
                continue;
            }
            if (MathCharacters.TryGetValue(c, out var command))
            {
                sb.Append("\\ensuremath{").Append(command).Append('}');
                continue;
            }
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '$' or '&' or '#' or '%' or '_' => "\\" + c,
                '^' => @"\^{}",
                '~' => @"\~{}",
                '…' => @"\ldots{}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Prose typed as a script (the k of σ_k, the T−1 of h_{T−1}) as math-mode TeX.</summary>
    public static string MathEscape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (MathCharacters.TryGetValue(c, out var command)) sb.Append(command).Append(char.IsAsciiLetter(command[^1]) ? " " : "");
            else if (c is '\\' or '{' or '}' or '$' or '&' or '#' or '%' or '_' or '^' or '~') sb.Append(' ');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Math for a right-to-left page: math itself stays left to right under xepersian, but \text{…}
    /// inside it is set in the Persian text font, right to left, so its Latin runs get \lr{…}.
    /// </summary>
    public static string MathForRightToLeft(string latex)
    {
        const string Command = "\\text{";
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            var at = latex.IndexOf(Command, i, StringComparison.Ordinal);
            if (at < 0) break;
            var open = at + Command.Length;
            var close = MatchingBrace(latex, open);
            if (close < 0) break;
            sb.Append(latex, i, open - i);
            var content = latex[open..close];
            // All Latin (the usual "otherwise", "if "): isolate it whole, spaces included, or they land on the wrong side.
            if (!Bidi.HasRightToLeft(content)) sb.Append("\\lr{").Append(content).Append('}');
            else foreach (var (run, leftToRight) in Bidi.Runs(content)) sb.Append(leftToRight ? "\\lr{" + run + "}" : run);
            sb.Append('}');
            i = close + 1;
        }
        sb.Append(latex, i, latex.Length - i);
        return sb.ToString();
    }

    private static int MatchingBrace(string s, int from)
    {
        var depth = 1;
        for (var j = from; j < s.Length; j++)
        {
            if (s[j] == '\\') j++;
            else if (s[j] == '{') depth++;
            else if (s[j] == '}' && --depth == 0) return j;
        }
        return -1;
    }
}
