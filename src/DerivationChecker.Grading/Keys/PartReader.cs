using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Keys;

/// <summary>Reads one part: the fields every part has, then what its mode needs.</summary>
internal static class PartReader
{
    private static readonly Dictionary<string, DiagnosisKind> Diagnoses = new(StringComparer.Ordinal)
    {
        ["sign"] = DiagnosisKind.Sign,
        ["factor"] = DiagnosisKind.Factor,
        ["transpose"] = DiagnosisKind.Transpose,
        ["shape"] = DiagnosisKind.Shape,
        ["domain"] = DiagnosisKind.Domain,
    };

    public static Part? Read(YamlFields fields, KeyContext keyContext)
    {
        var d = fields.Diagnostics;
        var id = fields.Text("id");
        if (id is not null && (id.Length == 0 || id.Contains('/') || id.Any(char.IsWhiteSpace)))
        {
            d.Error(fields.Get("id", false)!, fields.FieldPath("id"), $"'{id}' is not a part id; use letters, digits and dashes such as q2a");
            id = null;
        }
        // Paths name the part by its id from here on: parts.q2a.mistakes[1] reads better than parts[4].mistakes[1].
        var named = id is null ? fields : fields.WithPath($"parts.{id}");
        var points = named.Number("points", positive: true);
        var statement = named.Localized("statement");
        var mode = named.Choice("mode", ModeNames.All);
        var derivation = named.Text("derivation", required: false);
        var symbols = KeyLoader.ReadSymbols(named, "symbols");
        var partContext = keyContext;
        if (symbols is { Count: > 0 })
        {
            try
            {
                partContext = keyContext.WithSymbols(symbols);
            }
            catch (FormatException ex)
            {
                d.Error(named.Get("symbols", false)!, named.FieldPath("symbols"), ex.Message);
                symbols = null;
            }
        }
        var extra = KeyLoader.ReadDefinitions(named, partContext, "definitions");
        var random = KeyLoader.ReadRandom(named, partContext);
        var context = (extra is null ? partContext : partContext.With(extra.Value)).WithRandom(random ?? []);

        // Only parts graded formula by formula can use a student's own definitions.
        ImmutableArray<KeyExpr>? intermediates = mode is ModeNames.Symbolic or ModeNames.Numeric or ModeNames.Count
            ? ReadFormulas(named, "intermediates", context, required: false)
            : [];
        PartSpec? spec = mode switch
        {
            ModeNames.Symbolic or ModeNames.Numeric or ModeNames.Count => ReadQuantities(named, mode, points, context),
            ModeNames.Choice => ChoiceSpecReader.Read(named, points),
            ModeNames.Circuit => CircuitSpecReader.Read(named, points, context),
            ModeNames.Prose => ProseSpecReader.Read(named, points),
            _ => null,
        };
        // Without a known mode every mode-specific field would look unknown: report the mode alone.
        if (mode is not null) named.RejectUnknown($"mode {mode} does not use it");
        if (id is null || points is null || statement is null || mode is null || spec is null || extra is null || symbols is null || intermediates is null || random is null) return null;
        return new Part(id, points.Value, statement, mode, derivation, context, spec, named.Ref) { Intermediates = intermediates.Value };
    }

    /// <summary>Either a <c>quantities:</c> list, or one quantity written on the part itself.</summary>
    private static QuantitiesSpec? ReadQuantities(YamlFields part, string mode, decimal? points, KeyContext context)
    {
        var d = part.Diagnostics;
        if (!part.Has("quantities"))
        {
            var single = ReadQuantity(part, id: "answer", mode, points, context, listed: false);
            return single is null ? null : new QuantitiesSpec([single], Listed: false);
        }
        var list = part.List("quantities", allowSingle: false);
        var quantities = ImmutableArray.CreateBuilder<Quantity>();
        var ok = list is not null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in list ?? [])
        {
            var fields = YamlFields.Of(d, node, path);
            if (fields is null)
            {
                ok = false;
                continue;
            }
            var qid = fields.Text("id");
            var named = qid is null ? fields : fields.WithPath($"{part.Path}.quantities.{qid}");
            var q = qid is null ? null : ReadQuantity(named, qid, mode, null, context, listed: true);
            named.RejectUnknown();
            if (q is null)
            {
                ok = false;
                continue;
            }
            if (!ids.Add(q.Id)) d.Error(q.Where, $"the quantity id '{q.Id}' is used twice in this part");
            quantities.Add(q);
        }
        if (list is { Count: 0 }) d.Error(part.Node, part.FieldPath("quantities"), "list at least one quantity");
        if (ok && points is { } total && quantities.Count > 0 && quantities.Sum(q => q.Points) != total)
            d.Error(part.Get("quantities", false)!, part.FieldPath("quantities"),
                $"the quantities' points add up to {quantities.Sum(q => q.Points)}, but the part has {total} points");
        return ok && quantities.Count > 0 ? new QuantitiesSpec(quantities.ToImmutable(), Listed: true) : null;
    }

    private static Quantity? ReadQuantity(YamlFields f, string id, string partMode, decimal? partPoints, KeyContext context, bool listed)
    {
        var d = f.Diagnostics;
        var label = f.Localized("label", required: false);
        var points = listed ? f.Number("points", positive: true) : partPoints;
        var mode = listed && f.Has("mode") ? f.Choice("mode", ModeNames.Expression) : partMode;
        var names = ReadFormulas(f, "names", context, required: listed);
        var accept = ReadFormulas(f, "accept", context, required: true);
        if (accept is { IsEmpty: true }) d.Error(f.Get("accept", false)!, f.FieldPath("accept"), "give at least one accepted answer");

        LayoutRule? layout = null;
        if (mode == ModeNames.Symbolic && f.Map("layout", required: false) is { } layoutFields)
            layout = ReadLayout(layoutFields, points);

        var mistakes = ImmutableArray.CreateBuilder<MistakeRule>();
        var ok = true;
        foreach (var (node, path) in f.List("mistakes", required: false, allowSingle: false) ?? [])
        {
            var rule = YamlFields.Of(d, node, path) is { } rf ? ReadMistake(rf, mistakes.Count, mode, points, context) : null;
            if (rule is null) ok = false;
            else mistakes.Add(rule);
        }
        if (layout is not null && mistakes.Any(m => m.Diagnosis == DiagnosisKind.Transpose))
            d.Error(f.Get("layout", false)!, f.FieldPath("layout"), "give the transpose's credit either as a layout rule or as a 'diagnosis: transpose' mistake, not both");

        var tolerance = mode == ModeNames.Numeric ? ReadTolerance(f) : Tolerance.Default;
        ImmutableArray<KeyExpr> variables = [];
        ImmutableArray<long> checkValues = [1, 2, 3, 4];
        if (mode == ModeNames.Count)
        {
            variables = ReadFormulas(f, "variables", context, required: false) ?? [];
            foreach (var v in variables)
            {
                if (v.Value is not (Symbol or Indexed))
                    d.Error(v.Where, "a variable must be a name such as n_x");
            }
            if (f.List("check_values", required: false) is { } values)
            {
                var read = new List<long>();
                foreach (var (node, path) in values)
                {
                    var text = d.Scalar(node, path, "a whole number");
                    if (text is not null && long.TryParse(text, out var n) && n is >= 0 and <= 1000) read.Add(n);
                    else d.Error(node, path, $"must be a whole number from 0 to 1000, not '{text}'");
                }
                if (read.Count > 0) checkValues = [.. read];
            }
        }
        if (names is null || accept is null || accept.Value.IsEmpty || points is null || mode is null || !ok) return null;
        if (mode == ModeNames.Symbolic && layout is null && f.Has("layout")) return null;
        return new Quantity(id, label, names.Value, points.Value, mode, accept.Value, layout, mistakes.ToImmutable(), f.Ref)
        {
            Tolerance = tolerance ?? Tolerance.Default,
            Variables = variables,
            CheckValues = checkValues,
        };
    }

    private static ImmutableArray<KeyExpr>? ReadFormulas(YamlFields f, string key, KeyContext context, bool required)
    {
        var list = f.List(key, required);
        if (list is null) return required ? null : [];
        var result = ImmutableArray.CreateBuilder<KeyExpr>();
        var ok = true;
        foreach (var (node, path) in list)
        {
            var formula = f.Diagnostics.Latex(node, path, context);
            if (formula is null) ok = false;
            else result.Add(formula);
        }
        return ok ? result.ToImmutable() : null;
    }

    private static MistakeRule? ReadMistake(YamlFields f, int index, string? mode, decimal? max, KeyContext context)
    {
        var d = f.Diagnostics;
        var answer = f.Has("answer") ? f.Latex("answer", context) : null;
        var diagnosisText = f.Has("diagnosis") ? f.Choice("diagnosis", Diagnoses.Keys) : null;
        DiagnosisKind? diagnosis = diagnosisText is null ? null : Diagnoses[diagnosisText];
        var points = f.Number("points");
        var feedback = f.Localized("feedback");
        f.RejectUnknown();
        if (!f.Has("answer") && !f.Has("diagnosis"))
        {
            d.Error(f.Node, f.Path, "a mistake rule needs an 'answer' (the wrong answer in LaTeX) or a 'diagnosis' (sign, factor, transpose, shape or domain)");
            return null;
        }
        if (mode == ModeNames.Numeric && diagnosis is not (null or DiagnosisKind.Sign or DiagnosisKind.Factor))
        {
            d.Error(f.Get("diagnosis", false)!, f.FieldPath("diagnosis"), "a numeric part can only diagnose sign or factor");
            return null;
        }
        if (points is { } p && max is { } m && p >= m)
        {
            d.Error(f.Get("points", false)!, f.FieldPath("points"), $"a mistake must earn less than the {m} points of a right answer, not {p}");
            return null;
        }
        if ((f.Has("answer") && answer is null) || (f.Has("diagnosis") && diagnosis is null) || points is null || feedback is null) return null;
        return new MistakeRule(index, answer, diagnosis, points.Value, feedback, f.Ref);
    }

    private static LayoutRule? ReadLayout(YamlFields f, decimal? max)
    {
        var d = f.Diagnostics;
        var credit = f.Choice("transpose", ["full", "partial", "none"]);
        var points = f.Has("points") ? f.Number("points") : null;
        var feedback = f.Localized("feedback");
        f.RejectUnknown();
        if (credit is null || feedback is null) return null;
        var kind = credit switch { "full" => TransposeCredit.Full, "partial" => TransposeCredit.Partial, _ => TransposeCredit.None };
        if (kind == TransposeCredit.Partial)
        {
            if (points is null)
            {
                if (!f.Has("points")) d.Error(f.Node, f.FieldPath("points"), "a partial layout rule needs the points the transpose earns");
                return null;
            }
            if (max is { } m && (points <= 0 || points >= m))
            {
                d.Error(f.Get("points", false)!, f.FieldPath("points"), $"a partial transpose earns more than 0 and less than {m} points, not {points}");
                return null;
            }
        }
        else if (f.Has("points"))
        {
            d.Error(f.Get("points", false)!, f.FieldPath("points"), $"points are only for 'transpose: partial' (full earns all the points, none earns 0)");
            return null;
        }
        return new LayoutRule(kind, kind switch { TransposeCredit.Full => max ?? 0, TransposeCredit.Partial => points!.Value, _ => 0 }, feedback, f.Ref);
    }

    private static Tolerance? ReadTolerance(YamlFields f)
    {
        var node = f.Get("tolerance", required: false);
        if (node is null) return Tolerance.Default;
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode)
        {
            var absolute = f.Number("tolerance");
            return absolute is null ? null : new Tolerance((double)absolute.Value, 0);
        }
        var t = f.Map("tolerance");
        if (t is null) return null;
        var abs = t.Number("absolute", required: false) ?? 0;
        var rel = t.Number("relative", required: false) ?? 0;
        t.RejectUnknown();
        return new Tolerance((double)abs, (double)rel);
    }
}
