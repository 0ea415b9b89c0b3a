using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Notation;

namespace DerivationChecker.Cli.Commands;

/// <summary>
/// <c>dc equiv A B</c>: is B the same mathematics as A? Exit 0 equivalent, 1 not, 3 inconclusive, 2 bad input.
/// <c>--batch FILE</c> reads JSON lines (id, a, b, symbols, definitions) and prints one JSON line per case.
/// </summary>
public static class EquivCommand
{
    private static readonly Option<string?> Batch = new("--batch")
    {
        Description = "Read cases as JSON lines ({\"id\",\"a\",\"b\",\"symbols\",\"definitions\"}) from FILE ('-' for standard input) and print one JSON line per case.",
        HelpName = "FILE",
    };

    public static Command Create()
    {
        var a = new Argument<string?>("a") { Description = "The expected expression (the key).", Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("b") { Description = "The expression to check (the answer).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("equiv", "Decide whether two expressions are the same mathematics, and say how and why.")
        {
            a, b, CommonOptions.Symbols, CommonOptions.Definitions, CommonOptions.Syntax, CommonOptions.TimeoutMs, CommonOptions.Json, Batch,
        };
        command.SetAction(result =>
        {
            var json = result.GetValue(CommonOptions.Json);
            var timeout = TimeSpan.FromMilliseconds(Math.Max(1, result.GetValue(CommonOptions.TimeoutMs)));
            var syntax = result.GetValue(CommonOptions.Syntax);
            try
            {
                if (result.GetValue(Batch) is { } file) return RunBatch(file, syntax, timeout);
                var (ta, tb) = (result.GetValue(a), result.GetValue(b));
                if (ta is null || tb is null) throw new InputException("Give two expressions to compare (or --batch FILE).");
                var context = MathContext.Build(MathContext.ParseSymbolOptions(result.GetValue(CommonOptions.Symbols) ?? []), result.GetValue(CommonOptions.Definitions) ?? [], syntax);
                return RunOne(CommonOptions.ReadArgument(ta), CommonOptions.ReadArgument(tb), context, timeout, json);
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, json);
            }
        });
        return command;
    }

    private static int RunOne(string textA, string textB, MathContext context, TimeSpan timeout, bool json)
    {
        var (node, code) = Evaluate(textA, textB, context, timeout);
        if (json)
        {
            Output.Json(node);
            return code;
        }
        PrintText(node);
        return code;
    }

    /// <summary>Reads and checks one pair; the JSON object and the exit code.</summary>
    public static (JsonObject Node, int Code) Evaluate(string textA, string textB, MathContext context, TimeSpan timeout)
    {
        var pa = context.Read(textA);
        var pb = context.Read(textB);
        if (!pa.Ok || !pb.Ok)
        {
            var (which, error) = !pa.Ok ? ("first", pa.Error!) : ("second", pb.Error!);
            return (new JsonObject
            {
                ["verdict"] = "error",
                ["method"] = "parse",
                ["diagnosis"] = null,
                ["counterexample"] = null,
                ["message"] = $"Could not read the {which} expression ({error.Where}): {error.Message}",
                ["error"] = Output.ErrorJson(error),
                ["input"] = which,
            }, ExitCodes.BadInput);
        }
        var checker = new EquivalenceChecker(new EquivalenceOptions { Timeout = timeout }) { Show = Show.Unicode };
        var verdict = checker.Check(pa.Value!, pb.Value!, context.Definitions);
        return (VerdictJson(verdict), verdict.Kind switch
        {
            VerdictKind.Equivalent => ExitCodes.Ok,
            VerdictKind.NotEquivalent => ExitCodes.No,
            _ => ExitCodes.Inconclusive,
        });
    }

    public static JsonObject VerdictJson(Verdict v)
    {
        JsonNode? diagnosis = v.Diagnosis is null ? null : new JsonObject
        {
            ["kind"] = v.Diagnosis.Kind.ToString().ToLowerInvariant(),
            ["detail"] = v.Diagnosis.Detail,
            ["factor"] = v.Diagnosis.Factor is null ? null : Show.Latex(v.Diagnosis.Factor),
        };
        JsonNode? counterexample = null;
        if (v.Counterexample is { } c)
        {
            var point = new JsonObject();
            foreach (var (name, value) in c.Point) point[name] = value;
            counterexample = new JsonObject { ["point"] = point, ["a"] = c.ValueA, ["b"] = c.ValueB };
        }
        return new JsonObject
        {
            ["verdict"] = v.KindText,
            ["method"] = v.Method,
            ["diagnosis"] = diagnosis,
            ["counterexample"] = counterexample,
            ["message"] = v.Message,
            ["points"] = v.Points,
            ["notes"] = new JsonArray([.. v.Notes.Select(n => (JsonNode)n)]),
        };
    }

    private static void PrintText(JsonObject node)
    {
        var verdict = node["verdict"]!.GetValue<string>();
        var method = node["method"]!.GetValue<string>();
        var kind = node["diagnosis"]?["kind"]?.GetValue<string>();
        Console.WriteLine(kind is null ? $"{verdict} ({method})" : $"{verdict} ({method}; diagnosis: {kind})");
        Console.WriteLine($"  {node["message"]!.GetValue<string>()}");
        if (node["counterexample"] is JsonObject c)
        {
            var point = string.Join(", ", ((JsonObject)c["point"]!).Select(kv => $"{kv.Key} = {kv.Value}"));
            Console.WriteLine($"  counterexample: at {point}");
            Console.WriteLine($"    first  = {c["a"]}");
            Console.WriteLine($"    second = {c["b"]}");
        }
        if (node["notes"] is JsonArray notes)
        {
            foreach (var n in notes) Console.WriteLine($"  note: {n}");
        }
    }

    /// <summary>One JSON line per case; a malformed line gives an error line for that case and the batch goes on.</summary>
    private static int RunBatch(string file, Syntax syntax, TimeSpan timeout)
    {
        var reader = file == "-" ? Console.In : new StreamReader(File.OpenRead(file));
        var lineNumber = 0;
        var worst = ExitCodes.Ok;
        var stopwatch = new Stopwatch();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject node;
            string? id = null;
            stopwatch.Restart();
            try
            {
                var case_ = JsonNode.Parse(line) as JsonObject ?? throw new InputException("each line must be a JSON object");
                id = case_["id"]?.ToString();
                var symbols = ReadSymbols(case_["symbols"]);
                var definitions = (case_["definitions"] as JsonArray)?.Select(d => d!.GetValue<string>()).ToList() ?? [];
                var context = MathContext.Build(symbols, definitions, syntax);
                var a = case_["a"]?.GetValue<string>() ?? throw new InputException("missing \"a\"");
                var b = case_["b"]?.GetValue<string>() ?? throw new InputException("missing \"b\"");
                (node, var code) = Evaluate(a, b, context, timeout);
                worst = Math.Max(worst, code == ExitCodes.BadInput ? ExitCodes.BadInput : 0);
            }
            catch (Exception ex) when (ex is InputException or JsonException or InvalidOperationException or FormatException)
            {
                node = new JsonObject { ["verdict"] = "error", ["method"] = "input", ["diagnosis"] = null, ["counterexample"] = null, ["message"] = $"line {lineNumber}: {ex.Message}" };
                worst = ExitCodes.BadInput;
            }
            stopwatch.Stop();
            var ordered = new JsonObject { ["id"] = id };
            foreach (var (key, value) in node) ordered[key] = value?.DeepClone();
            ordered["ms"] = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 4);
            Console.WriteLine(ordered.ToJsonString(Output.Compact));
        }
        return worst;
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadSymbols(JsonNode? node) => node switch
    {
        null => [],
        JsonObject o => o.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!.GetValue<string>())).ToList(),
        JsonArray arr => MathContext.ParseSymbolOptions(arr.Select(x => x!.GetValue<string>())).ToList(),
        _ => throw new InputException("\"symbols\" must be an object of NAME: KIND or a list of 'NAME:KIND'"),
    };

    internal static string Invariant(double x) => x.ToString(CultureInfo.InvariantCulture);
}
