using System.Collections.Immutable;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Circuits;
using DerivationChecker.Grading.Results;
using YamlDotNet.RepresentationModel;

namespace DerivationChecker.Grading.Keys;

/// <summary>Multiple choice: options, correct letters, subset credit, wrong-option penalty, specific wrong choices.</summary>
internal static class ChoiceSpecReader
{
    public static ChoiceSpec? Read(YamlFields f, decimal? max)
    {
        var d = f.Diagnostics;
        var options = ImmutableArray.CreateBuilder<ChoiceOption>();
        var ok = true;
        if (f.Map("options") is { } map)
        {
            foreach (var (keyNode, valueNode) in map.Node.Children)
            {
                var letterText = d.Scalar(keyNode, map.Path, "an option letter");
                var path = $"{map.Path}.{letterText}";
                var letter = letterText is { Length: 1 } && char.IsAsciiLetterLower(letterText[0]) && letterText[0] <= 'h' ? letterText[0] : '\0';
                if (letter == '\0')
                {
                    d.Error(keyNode, path, $"'{letterText}' is not an option letter; use a, b, c, … (students may answer with آ ب ج د)");
                    ok = false;
                    continue;
                }
                var option = ReadOption(d, valueNode, path, letter);
                if (option is null) ok = false;
                else options.Add(option);
            }
            if (options.Count == 0 && ok) d.Error(map.Node, map.Path, "list the options (a: …, b: …)");
        }
        else ok = false;

        var correct = Letters(f, "correct", required: true);
        var subset = f.Flag("subset_credit") ?? false;
        var penalty = f.Has("wrong_option_penalty") ? f.Number("wrong_option_penalty") : null;
        var mistakes = ImmutableArray.CreateBuilder<ChoiceMistake>();
        foreach (var (node, path) in f.List("mistakes", required: false, allowSingle: false) ?? [])
        {
            var m = YamlFields.Of(d, node, path);
            if (m is null)
            {
                ok = false;
                continue;
            }
            var choice = Letters(m, "answer", required: true);
            var points = m.Number("points");
            var feedback = m.Localized("feedback");
            m.RejectUnknown();
            if (points is { } p && max is { } mx && p >= mx)
            {
                d.Error(m.Get("points", false)!, m.FieldPath("points"), $"a wrong choice must earn less than the part's {mx} points, not {p}");
                ok = false;
            }
            if (choice is null || points is null || feedback is null) ok = false;
            else mistakes.Add(new ChoiceMistake(choice.Value, points.Value, feedback, m.Ref));
        }
        if (!ok || correct is null || options.Count == 0 || (f.Has("wrong_option_penalty") && penalty is null)) return null;
        return new ChoiceSpec(options.ToImmutable(), correct.Value, subset, penalty, mistakes.ToImmutable());
    }

    private static ChoiceOption? ReadOption(KeyDiagnostics d, YamlNode node, string path, char letter)
    {
        if (node is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("text")))
        {
            var fields = new YamlFields(d, m, path);
            var text = fields.Localized("text");
            var feedback = fields.Localized("feedback", required: false);
            fields.RejectUnknown();
            return text is null ? null : new ChoiceOption(letter, text, feedback);
        }
        var plain = YamlFields.ReadLocalized(d, node, path);
        return plain is null ? null : new ChoiceOption(letter, plain, null);
    }

    /// <summary>Letters as a list or one text ("b, c"); Persian letters are read as their Latin options.</summary>
    private static ImmutableArray<char>? Letters(YamlFields f, string key, bool required)
    {
        var list = f.List(key, required);
        if (list is null) return null;
        var letters = new SortedSet<char>();
        foreach (var (node, path) in list)
        {
            var text = f.Diagnostics.Scalar(node, path, "option letters");
            if (text is null) return null;
            var read = ChoiceReader.Read(text);
            if (!read.Ok)
            {
                f.Diagnostics.Error(node, path, $"'{text}' is not a list of option letters");
                return null;
            }
            letters.UnionWith(read.Letters);
        }
        if (letters.Count == 0)
        {
            f.Diagnostics.Error(f.Get(key, false)!, f.FieldPath(key), "give at least one option letter");
            return null;
        }
        return [.. letters];
    }
}

/// <summary>A circuit part: architecture, parameter names, reference answer, step requirement, length.</summary>
internal static class CircuitSpecReader
{
    public static CircuitSpec? Read(YamlFields f, decimal? max, KeyContext context)
    {
        var d = f.Diagnostics;
        var names = CircuitArchitecture.All.Select(a => a.Name).ToArray();
        var architectureName = f.Choice("architecture", names);
        var architecture = architectureName is null ? null : CircuitArchitecture.Find(architectureName);
        var parameters = ImmutableDictionary.CreateBuilder<string, KeyExpr>(StringComparer.Ordinal);
        var ok = architecture is not null;
        if (f.Map("parameters") is { } map)
        {
            foreach (var (keyNode, valueNode) in map.Node.Children)
            {
                var role = d.Scalar(keyNode, map.Path, "a parameter role");
                var path = $"{map.Path}.{role}";
                if (role is null || architecture is null) continue;
                if (!architecture.Parameters.Any(p => p.Role == role))
                {
                    d.Error(keyNode, path, $"'{role}' is not a parameter of {architecture.Name}; its parameters are {string.Join(", ", architecture.Parameters.Select(p => p.Role))}");
                    ok = false;
                    continue;
                }
                var name = d.Latex(valueNode, path, context);
                if (name is null) ok = false;
                else parameters[role] = name;
            }
            foreach (var p in architecture?.Parameters ?? [])
            {
                if (!parameters.ContainsKey(p.Role) && ok)
                {
                    d.Error(map.Node, $"{map.Path}.{p.Role}", $"missing: the name parameter {p.Role} ({p.Described}) has in this homework");
                    ok = false;
                }
            }
        }
        else ok = false;

        var referenceNode = f.Get("reference", required: true);
        var reference = referenceNode is null ? null : d.Scalar(referenceNode, f.FieldPath("reference"), "the reference answer as assignments");
        if (reference is not null && ok)
        {
            var read = AssignmentReader.Read(reference, context, parameters.ToImmutable());
            if (read.Error is { } e)
            {
                d.Error(referenceNode!, f.FieldPath("reference"), $"could not read the reference ({e.Where}): {e.Message}");
                ok = false;
            }
            else
            {
                foreach (var problem in read.Problems.Concat(read.Unknown.Select(u => $"{u} is not one of the parameters")))
                {
                    d.Error(referenceNode!, f.FieldPath("reference"), problem);
                    ok = false;
                }
                foreach (var p in architecture!.Parameters.Where(p => !read.Values.ContainsKey(p.Role)))
                {
                    d.Error(referenceNode!, f.FieldPath("reference"), $"the reference does not set {p.Role}");
                    ok = false;
                }
            }
        }

        var stepText = f.Choice("step", ["either", "both", "strict", "inclusive"]);
        var step = stepText switch
        {
            "both" => StepRequirement.Both,
            "strict" => StepRequirement.Strict,
            "inclusive" => StepRequirement.Inclusive,
            _ => StepRequirement.Either,
        };
        var maxLength = f.Has("max_length") ? f.Integer("max_length", 1, CircuitSimulator.MaxSupportedLength) : 6;
        var oneConvention = f.Has("one_convention_points") ? f.Number("one_convention_points") : null;
        var oneFeedback = f.Localized("one_convention_feedback", required: false);
        if (oneConvention is { } oc)
        {
            if (step != StepRequirement.Both)
            {
                d.Error(f.Get("one_convention_points", false)!, f.FieldPath("one_convention_points"), "only a part with 'step: both' can give points for an answer right under one convention");
                ok = false;
            }
            else if (max is { } m && oc >= m)
            {
                d.Error(f.Get("one_convention_points", false)!, f.FieldPath("one_convention_points"), $"must be less than the part's {m} points");
                ok = false;
            }
        }
        if (!ok || reference is null || stepText is null || maxLength is null || (f.Has("one_convention_points") && oneConvention is null)) return null;
        return new CircuitSpec(architecture!, parameters.ToImmutable(), reference, d.Ref(referenceNode!, f.FieldPath("reference")), step, maxLength.Value, oneConvention, oneFeedback);
    }
}

/// <summary>Prose: the rubric a person grades with; its points add up to the part's.</summary>
internal static class ProseSpecReader
{
    public static ProseSpec? Read(YamlFields f, decimal? max)
    {
        var d = f.Diagnostics;
        var items = ImmutableArray.CreateBuilder<RubricItem>();
        var ok = true;
        var list = f.List("rubric", allowSingle: false);
        foreach (var (node, path) in list ?? [])
        {
            var item = YamlFields.Of(d, node, path);
            if (item is null)
            {
                ok = false;
                continue;
            }
            var points = item.Number("points", positive: true);
            var text = item.Localized("text");
            item.RejectUnknown();
            if (points is null || text is null) ok = false;
            else items.Add(new RubricItem(points.Value, text));
        }
        if (list is { Count: 0 }) d.Error(f.Get("rubric", false)!, f.FieldPath("rubric"), "give at least one rubric point");
        if (ok && max is { } m && items.Count > 0 && items.Sum(i => i.Points) != m)
            d.Error(f.Get("rubric", false)!, f.FieldPath("rubric"), $"the rubric's points add up to {items.Sum(i => i.Points)}, but the part has {m} points");
        return ok && list is not null && items.Count > 0 ? new ProseSpec(items.ToImmutable()) : null;
    }
}
