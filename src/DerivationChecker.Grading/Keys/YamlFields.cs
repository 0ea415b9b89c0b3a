using System.Globalization;
using DerivationChecker.Grading.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DerivationChecker.Grading.Keys;

/// <summary>Collects a key file's errors, each with the position YamlDotNet gives the node.</summary>
internal sealed class KeyDiagnostics(string file)
{
    public string File { get; } = file;

    public List<KeyError> Errors { get; } = [];

    public SourceRef Ref(YamlNode node, string field) => new(File, (int)node.Start.Line, (int)node.Start.Column, field);

    public void Error(YamlNode node, string field, string message) =>
        Errors.Add(new KeyError(File, (int)node.Start.Line, (int)node.Start.Column, field, message));

    public void Error(SourceRef where, string message) => Errors.Add(new KeyError(File, where.Line, where.Column, where.Field, message));

    public void Error(Mark mark, string field, string message) => Errors.Add(new KeyError(File, (int)mark.Line, (int)mark.Column, field, message));

    /// <summary>Reads a formula of the key in <paramref name="context"/>; an unreadable one is an error naming the parser's position.</summary>
    public KeyExpr? Latex(YamlNode node, string field, KeyContext context)
    {
        var text = Scalar(node, field, "a LaTeX formula");
        if (text is null) return null;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(node, field, "the formula is empty");
            return null;
        }
        var parsed = context.Read(text);
        if (!parsed.Ok)
        {
            var e = parsed.Error!;
            Error(node, field, $"could not read the LaTeX ({e.Where} of the formula): {e.Message}\n    {e.Pointer().Replace("\n", "\n    ", StringComparison.Ordinal)}");
            return null;
        }
        return new KeyExpr(text, parsed.Value!, Ref(node, field));
    }

    /// <summary>The text of a scalar node; a list or mapping where text belongs is an error.</summary>
    public string? Scalar(YamlNode node, string field, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, field, $"must be {what}, not {Describe(node)}");
            return null;
        }
        var value = scalar.Value ?? "";
        // In double quotes YAML reads \f, \b, \t, \n … as control characters, which silently turns
        // \frac into a form feed and "rac": LaTeX belongs in single quotes.
        if (scalar.Style == ScalarStyle.DoubleQuoted && value.Any(c => char.IsControl(c) && c != '\n'))
        {
            Error(node, field, "this double-quoted text contains a control character (\\f, \\b, \\t … are YAML escapes in double quotes); write LaTeX in single quotes: '\\frac{a}{b}'");
            return null;
        }
        return value;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping (field: value lines)",
        _ => "an alias",
    };
}

/// <summary>
/// One YAML mapping read field by field. Every field read is remembered, so that whatever the key
/// wrote and no reader asked for is reported as an unknown field (with the nearest known name).
/// </summary>
internal sealed class YamlFields(KeyDiagnostics diagnostics, YamlMappingNode node, string path)
{
    private HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>The same mapping under another path (parts.q2a rather than parts[4]), sharing what was read.</summary>
    public YamlFields WithPath(string newPath) => new(Diagnostics, Node, newPath) { _known = _known };

    public YamlMappingNode Node { get; } = node;

    public string Path { get; } = path;

    public KeyDiagnostics Diagnostics { get; } = diagnostics;

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public SourceRef Ref => Diagnostics.Ref(Node, Path.Length == 0 ? "(top level)" : Path);

    public static YamlFields? Of(KeyDiagnostics diagnostics, YamlNode node, string path)
    {
        if (node is YamlMappingNode map) return new YamlFields(diagnostics, map, path);
        diagnostics.Error(node, path, $"must be a mapping (field: value lines), not {KeyDiagnostics.Describe(node)}");
        return null;
    }

    public bool Has(string key)
    {
        _known.Add(key);
        return Node.Children.ContainsKey(new YamlScalarNode(key));
    }

    /// <summary>The value node of a field; a missing required field is an error at the mapping's position.</summary>
    public YamlNode? Get(string key, bool required)
    {
        _known.Add(key);
        if (Node.Children.TryGetValue(new YamlScalarNode(key), out var value)) return value;
        if (required) Diagnostics.Error(Node, FieldPath(key), "missing required field");
        return null;
    }

    public string? Text(string key, bool required = true)
    {
        var node = Get(key, required);
        return node is null ? null : Diagnostics.Scalar(node, FieldPath(key), "text");
    }

    public decimal? Number(string key, bool required = true, bool positive = false)
    {
        var node = Get(key, required);
        if (node is null) return null;
        var text = Diagnostics.Scalar(node, FieldPath(key), "a number");
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Diagnostics.Error(node, FieldPath(key), $"must be a number, not '{text}'");
            return null;
        }
        if (value < 0 || (positive && value == 0))
        {
            Diagnostics.Error(node, FieldPath(key), positive ? "must be more than 0" : "must not be negative");
            return null;
        }
        return value;
    }

    public int? Integer(string key, int min, int max, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        var text = Diagnostics.Scalar(node, FieldPath(key), "a whole number");
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Diagnostics.Error(node, FieldPath(key), $"must be a whole number from {min} to {max}, not '{text}'");
            return null;
        }
        return value;
    }

    public bool? Flag(string key)
    {
        var node = Get(key, required: false);
        if (node is null) return null;
        var text = Diagnostics.Scalar(node, FieldPath(key), "true or false");
        switch (text?.ToLowerInvariant())
        {
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            case null:
                return null;
            default:
                Diagnostics.Error(node, FieldPath(key), $"must be true or false, not '{text}'");
                return null;
        }
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned in lower case.</summary>
    public string? Choice(string key, IReadOnlyCollection<string> allowed, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        var text = Diagnostics.Scalar(node, FieldPath(key), "text");
        if (text is null) return null;
        var lower = text.Trim().ToLowerInvariant();
        if (allowed.Contains(lower)) return lower;
        Diagnostics.Error(node, FieldPath(key), $"'{text}' is not one of: {string.Join(", ", allowed)}");
        return null;
    }

    public YamlFields? Map(string key, bool required = true)
    {
        var node = Get(key, required);
        return node is null ? null : Of(Diagnostics, node, FieldPath(key));
    }

    /// <summary>The items of a list field, each with its path (field[0], field[1], …). A single value is a list of one.</summary>
    public List<(YamlNode Node, string Path)>? List(string key, bool required = true, bool allowSingle = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlSequenceNode seq) return [.. seq.Children.Select((n, i) => (n, $"{FieldPath(key)}[{i}]"))];
        if (allowSingle && node is YamlScalarNode) return [(node, FieldPath(key))];
        Diagnostics.Error(node, FieldPath(key), $"must be a list ('- item' lines), not {KeyDiagnostics.Describe(node)}");
        return null;
    }

    /// <summary>A text in both languages: {en: …, fa: …}, or one text used for both (a formula, a name).</summary>
    public LocalizedText? Localized(string key, bool required = true)
    {
        var node = Get(key, required);
        return node is null ? null : ReadLocalized(Diagnostics, node, FieldPath(key));
    }

    public static LocalizedText? ReadLocalized(KeyDiagnostics diagnostics, YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            var both = diagnostics.Scalar(node, path, "text");
            return both is null ? null : LocalizedText.Both(both.Trim());
        }
        var fields = Of(diagnostics, node, path);
        if (fields is null) return null;
        var en = fields.Text("en");
        var fa = fields.Text("fa");
        fields.RejectUnknown();
        return en is null || fa is null ? null : new LocalizedText(en.Trim(), fa.Trim());
    }

    public KeyExpr? Latex(string key, KeyContext context, bool required = true)
    {
        var node = Get(key, required);
        return node is null ? null : Diagnostics.Latex(node, FieldPath(key), context);
    }

    /// <summary>Reports every field no reader asked for, with the nearest known name as a hint.</summary>
    public void RejectUnknown(string? why = null)
    {
        foreach (var (keyNode, _) in Node.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (_known.Contains(name)) continue;
            var hint = Nearest(name, _known);
            var message = $"unknown field '{name}'" + (hint is null ? "" : $" (did you mean '{hint}'?)") + (why is null ? "" : $"; {why}");
            Diagnostics.Error(keyNode, FieldPath(name), message);
        }
    }

    private static string? Nearest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = Distance(name.ToLowerInvariant(), k);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
