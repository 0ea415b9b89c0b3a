namespace DerivationChecker.Publishing.MathML;

/// <summary>
/// A symbol's canonical (LaTeX) name as presentation MathML, drawn as the LaTeX writer's output
/// draws it: \beta → &lt;mi&gt;β&lt;/mi&gt;, \hat{y} → y with an accent over it, W_{hh} → W with the
/// label hh below (italic letters, as TeX sets them), W' → W with a prime, \mathcal{L} → a script L,
/// a plain word (lr) → one upright identifier.
/// </summary>
internal static class MathMLNames
{
    private static readonly Dictionary<string, string> Letters = new()
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ϵ", ["varepsilon"] = "ε",
        ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ", ["iota"] = "ι", ["kappa"] = "κ",
        ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π", ["varpi"] = "ϖ", ["rho"] = "ρ",
        ["varrho"] = "ϱ", ["sigma"] = "σ", ["varsigma"] = "ς", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "ϕ",
        ["varphi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["ell"] = "ℓ", ["imath"] = "ı", ["jmath"] = "ȷ",
    };

    /// <summary>Capital Greek letters: upright in TeX, so drawn with mathvariant="normal".</summary>
    private static readonly Dictionary<string, string> UprightLetters = new()
    {
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π",
        ["Sigma"] = "Σ", ["Upsilon"] = "Υ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        ["nabla"] = "∇", ["partial"] = "∂", ["infty"] = "∞",
    };

    private static readonly Dictionary<string, string> Operators = new()
    {
        ["ast"] = "∗", ["star"] = "⋆", ["prime"] = "′", ["top"] = "⊤", ["dagger"] = "†", ["circ"] = "∘",
    };

    /// <summary>Accents drawn over their argument (the spacing forms MathML expects in &lt;mover&gt;).</summary>
    private static readonly Dictionary<string, (string Mark, bool Stretchy)> Accents = new()
    {
        ["hat"] = ("^", false), ["widehat"] = ("^", true), ["bar"] = ("¯", false), ["overline"] = ("¯", true),
        ["tilde"] = ("~", false), ["widetilde"] = ("~", true), ["vec"] = ("→", false), ["overrightarrow"] = ("→", true),
        ["dot"] = ("˙", false), ["ddot"] = ("¨", false), ["check"] = ("ˇ", false), ["breve"] = ("˘", false),
        ["acute"] = ("´", false), ["grave"] = ("`", false),
    };

    private static readonly Dictionary<string, string?> Variants = new()
    {
        ["mathbf"] = "bold", ["boldsymbol"] = "bold-italic", ["bm"] = "bold-italic", ["mathcal"] = "script",
        ["mathscr"] = "script", ["mathbb"] = "double-struck", ["mathfrak"] = "fraktur", ["mathsf"] = "sans-serif",
        ["mathtt"] = "monospace", ["mathit"] = "italic", ["mathrm"] = "normal", ["operatorname"] = "normal",
        ["text"] = "normal", ["textrm"] = "normal", ["mathnormal"] = null,
    };

    /// <summary>The MathML of a canonical name: one element (an &lt;mrow&gt; when it has several parts).</summary>
    public static string Write(string canonical)
    {
        var reader = new Reader(canonical);
        var items = reader.ReadRow(variant: null, stopAtBrace: false);
        return MathMLWriter.Row(items);
    }

    private sealed class Reader(string s)
    {
        private int _i;

        /// <summary>Reads items until the end (or the closing brace of a group), attaching scripts and primes to the item before them.</summary>
        public List<string> ReadRow(string? variant, bool stopAtBrace)
        {
            var items = new List<string>();
            while (_i < s.Length)
            {
                var c = s[_i];
                if (c == '}')
                {
                    _i++;
                    if (stopAtBrace) return items;
                    continue;
                }
                if (c is '_' or '^' or '\'')
                {
                    var nucleus = items.Count > 0 ? items[^1] : "<mrow></mrow>";
                    if (items.Count > 0) items.RemoveAt(items.Count - 1);
                    items.Add(ReadScripts(nucleus, variant));
                    continue;
                }
                items.Add(ReadAtom(variant));
            }
            return items;
        }

        /// <summary>_{…}, ^{…} and primes after a nucleus, combined into one msub, msup or msubsup.</summary>
        private string ReadScripts(string nucleus, string? variant)
        {
            string? sub = null;
            var sup = new List<string>();
            var primes = 0;
            while (_i < s.Length && s[_i] is '_' or '^' or '\'')
            {
                var c = s[_i++];
                if (c == '\'')
                {
                    primes++;
                    continue;
                }
                var script = ReadScriptArgument(variant);
                if (c == '_') sub = sub is null ? script : MathMLWriter.Row([sub, script]);
                else sup.Add(script);
            }
            if (primes > 0) sup.Insert(0, $"<mo>{new string('′', primes)}</mo>");
            var superscript = sup.Count == 0 ? null : MathMLWriter.Row(sup);
            return (sub, superscript) switch
            {
                (not null, not null) => $"<msubsup>{nucleus}{sub}{superscript}</msubsup>",
                (not null, null) => $"<msub>{nucleus}{sub}</msub>",
                (null, not null) => $"<msup>{nucleus}{superscript}</msup>",
                _ => nucleus,
            };
        }

        private string ReadScriptArgument(string? variant)
        {
            if (_i >= s.Length) return "<mrow></mrow>";
            if (s[_i] == '{')
            {
                _i++;
                var inner = ReadRow(variant, stopAtBrace: true);
                // w^{*}: a star as a superscript is the operator ∗, not a product sign.
                if (inner.Count == 1 && inner[0] == "<mo>*</mo>") return "<mo>∗</mo>";
                return MathMLWriter.Row(inner);
            }
            return ReadAtom(variant);
        }

        private string ReadAtom(string? variant)
        {
            var c = s[_i];
            if (c == '\\') return ReadCommand(variant);
            if (c == '{')
            {
                _i++;
                return MathMLWriter.Row(ReadRow(variant, stopAtBrace: true));
            }
            if (char.IsAsciiDigit(c))
            {
                var start = _i;
                while (_i < s.Length && (char.IsAsciiDigit(s[_i]) || s[_i] == '.')) _i++;
                return $"<mn>{MathMLWriter.Escape(s[start.._i])}</mn>";
            }
            if (char.IsLetter(c))
            {
                // In an upright style (\mathrm{lr}) a run of letters is one word; otherwise each letter is its own italic identifier.
                var start = _i;
                _i++;
                if (variant == "normal")
                {
                    while (_i < s.Length && char.IsLetterOrDigit(s[_i])) _i++;
                }
                return Identifier(s[start.._i], variant);
            }
            _i++;
            if (c == ' ' || c == '~') return "";
            return c switch
            {
                '-' => "<mo>−</mo>",
                _ => $"<mo>{MathMLWriter.Escape(c.ToString())}</mo>",
            };
        }

        private string ReadCommand(string? variant)
        {
            var start = ++_i;
            while (_i < s.Length && char.IsAsciiLetter(s[_i])) _i++;
            if (_i == start)
            {
                // \, \; \! \{ and the like: spacing or an escaped character.
                var escaped = _i < s.Length ? s[_i++] : ' ';
                return escaped is ',' or ';' or ':' or '!' or ' ' ? "" : $"<mo>{MathMLWriter.Escape(escaped.ToString())}</mo>";
            }
            var command = s[start.._i];
            if (Letters.TryGetValue(command, out var letter)) return Identifier(letter, variant);
            if (UprightLetters.TryGetValue(command, out var upright)) return Identifier(upright, variant ?? "normal");
            if (Operators.TryGetValue(command, out var op)) return $"<mo>{op}</mo>";
            if (Accents.TryGetValue(command, out var accent))
            {
                var body = ReadScriptArgument(variant);
                var stretchy = accent.Stretchy ? " stretchy=\"true\"" : " stretchy=\"false\"";
                return $"<mover accent=\"true\">{body}<mo{stretchy}>{MathMLWriter.Escape(accent.Mark)}</mo></mover>";
            }
            if (Variants.TryGetValue(command, out var style)) return ReadScriptArgument(style);
            // An unknown command: its name, upright, so nothing the author wrote is lost.
            return Identifier(command, "normal");
        }
    }

    /// <summary>&lt;mi&gt; with a variant; a single letter is italic by default and a word upright, so only the exceptions are marked.</summary>
    private static string Identifier(string text, string? variant)
    {
        var single = text.EnumerateRunes().Count() == 1;
        var attribute = variant switch
        {
            null => "",
            "normal" when !single => "",
            "italic" when single => "",
            _ => $" mathvariant=\"{variant}\"",
        };
        return $"<mi{attribute}>{MathMLWriter.Escape(text)}</mi>";
    }

    /// <summary>Letters of a text run as one &lt;mi&gt; (a function's name, an operator word).</summary>
    public static string Word(string text) => Identifier(text, "normal");
}
