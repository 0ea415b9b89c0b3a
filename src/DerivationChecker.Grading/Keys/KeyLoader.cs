using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DerivationChecker.Grading.Keys;

/// <summary>The grading modes a part may name.</summary>
public static class ModeNames
{
    public const string Symbolic = "symbolic";
    public const string Numeric = "numeric";
    public const string Choice = "choice";
    public const string Circuit = "circuit";
    public const string Count = "count";
    public const string Prose = "prose";

    public static readonly ImmutableArray<string> All = [Symbolic, Numeric, Choice, Circuit, Count, Prose];

    /// <summary>Modes whose parts are made of quantities (formulas or numbers with a left-hand side).</summary>
    public static readonly ImmutableArray<string> Expression = [Symbolic, Numeric, Count];
}

/// <summary>
/// Reads an answer key (answer-keys/SET.yaml) and checks it against the format of
/// answer-keys/README.md. Every problem is returned as an error naming the file, line, column and
/// field; a key with errors is not returned, and loading never throws for a bad key.
/// </summary>
public static class KeyLoader
{
    public static KeyLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new KeyLoadResult(null, [new KeyError(path, 0, 0, "(file)", $"cannot read the file: {ex.Message}")]);
        }
        return Parse(text, path);
    }

    /// <summary>Reads a key from text; <paramref name="file"/> names it in errors (and its stem must be the set id).</summary>
    public static KeyLoadResult Parse(string yaml, string file)
    {
        var diagnostics = new KeyDiagnostics(file);
        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1)
                return Failed(new KeyError(file, 1, 1, "(file)", stream.Documents.Count == 0 ? "the file is empty" : "the file must hold one YAML document"));
            root = stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            return Failed(new KeyError(file, (int)ex.Start.Line, (int)ex.Start.Column, "(yaml)", $"not valid YAML: {message}"));
        }

        var top = YamlFields.Of(diagnostics, root, "");
        if (top is null) return Failed([.. diagnostics.Errors]);
        var key = ReadKey(top, file);
        top.RejectUnknown();
        return diagnostics.Errors.Count > 0 || key is null
            ? Failed([.. diagnostics.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)])
            : new KeyLoadResult(key, []);
    }

    private static KeyLoadResult Failed(params KeyError[] errors) => new(null, [.. errors]);

    private static AnswerKey? ReadKey(YamlFields top, string file)
    {
        var d = top.Diagnostics;
        var set = top.Text("set");
        if (set is not null)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            if (Path.GetExtension(file) is ".yaml" or ".yml" && !string.Equals(stem, set, StringComparison.Ordinal))
                d.Error(top.Get("set", false)!, "set", $"the set id '{set}' must be the file's name ({stem}.yaml): name the file {set}.yaml");
        }
        var course = top.Text("course");
        var title = top.Localized("title");
        var languageText = top.Choice("language", ["fa", "en"]);
        Languages.TryParse(languageText, out var language);
        var total = top.Number("total_points", required: false, positive: true);
        var context = ReadContext(top.Map("context"));

        var parts = ImmutableArray.CreateBuilder<Part>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = top.List("parts", allowSingle: false);
        if (list is not null && list.Count == 0) d.Error(top.Get("parts", false)!, "parts", "a key needs at least one part");
        foreach (var (node, path) in list ?? [])
        {
            var fields = YamlFields.Of(d, node, path);
            if (fields is null) continue;
            var part = PartReader.Read(fields, context ?? KeyContext.Empty);
            if (part is null) continue;
            if (!ids.Add(part.Id)) d.Error(part.Where, $"the part id '{part.Id}' is used twice");
            parts.Add(part);
        }
        if (total is { } t && parts.Count == list?.Count && parts.Sum(p => p.Points) != t)
            d.Error(top.Get("total_points", false)!, "total_points", $"the parts' points add up to {parts.Sum(p => p.Points)}, not {t}");

        if (set is null || course is null || title is null || languageText is null || context is null) return null;
        return new AnswerKey(file, set, course, title, language, context, parts.ToImmutable(), total);
    }

    private static KeyContext? ReadContext(YamlFields? fields)
    {
        if (fields is null) return null;
        var declarations = ReadSymbols(fields, "symbols");
        KeyContext context;
        try
        {
            context = KeyContext.FromDeclarations(declarations ?? []);
        }
        catch (FormatException ex)
        {
            fields.Diagnostics.Error(fields.Node, fields.FieldPath("symbols"), ex.Message);
            return null;
        }
        var definitions = ReadDefinitions(fields, context, "definitions");
        var random = ReadRandom(fields, context);
        fields.RejectUnknown();
        return declarations is not null && definitions is not null && random is not null ? context.With(definitions.Value).WithRandom(random) : null;
    }

    /// <summary>
    /// The random quantities (g, X, W^{[l]}), each read in <paramref name="context"/> as a name; a member
    /// stands for its family (g_i and W^{[l]} for g and W). Null when one is not a name.
    /// </summary>
    internal static List<string>? ReadRandom(YamlFields fields, KeyContext context)
    {
        var d = fields.Diagnostics;
        var names = new List<string>();
        var ok = true;
        foreach (var (node, path) in fields.List("random", required: false) ?? [])
        {
            var name = d.Scalar(node, path, "the name of a random quantity");
            if (name is null)
            {
                ok = false;
                continue;
            }
            switch (context.Read(name).Value)
            {
                case Symbol s:
                    names.Add(s.Name);
                    break;
                case Indexed { Base: Symbol family }:
                    names.Add(family.Name);
                    break;
                default:
                    d.Error(node, path, $"'{name}' is not the name of a quantity; write a name such as g or X");
                    ok = false;
                    break;
            }
        }
        return ok ? names : null;
    }

    /// <summary>NAME: KIND lines, each checked on its own so that a bad one is reported at its line; null when one is bad.</summary>
    internal static List<KeyValuePair<string, string>>? ReadSymbols(YamlFields fields, string key)
    {
        var d = fields.Diagnostics;
        var declarations = new List<KeyValuePair<string, string>>();
        var symbolsNode = fields.Get(key, required: false);
        if (symbolsNode is null) return declarations;
        var symbols = YamlFields.Of(d, symbolsNode, fields.FieldPath(key));
        if (symbols is null) return null;
        var ok = true;
        foreach (var (nameNode, kindNode) in symbols.Node.Children)
        {
            var name = d.Scalar(nameNode, symbols.Path, "a symbol name");
            var path = $"{symbols.Path}.{name}";
            var kind = d.Scalar(kindNode, path, "a kind such as 'vec 3' or 'mat 4 4'");
            if (name is null || kind is null)
            {
                ok = false;
                continue;
            }
            try
            {
                SymbolDeclarations.CanonicalName(name);
                SymbolDeclarations.Build([new(name, kind)]);
                declarations.Add(new(name, kind));
            }
            catch (FormatException ex)
            {
                d.Error(kindNode, path, ex.Message);
                ok = false;
            }
        }
        return ok ? declarations : null;
    }

    /// <summary>A list of equations LHS = RHS, read in <paramref name="context"/>; null when one is bad.</summary>
    internal static ImmutableArray<KeyExpr>? ReadDefinitions(YamlFields fields, KeyContext context, string key)
    {
        var d = fields.Diagnostics;
        var result = ImmutableArray.CreateBuilder<KeyExpr>();
        var ok = true;
        foreach (var (node, path) in fields.List(key, required: false) ?? [])
        {
            var formula = d.Latex(node, path, context);
            if (formula is null)
            {
                ok = false;
                continue;
            }
            if (formula.Value is not Relation { Operators: [RelationKind.Equal or RelationKind.Define] })
            {
                d.Error(node, path, "a definition must be one equation, LHS = RHS");
                ok = false;
                continue;
            }
            result.Add(formula);
        }
        return ok ? result.ToImmutable() : null;
    }
}
