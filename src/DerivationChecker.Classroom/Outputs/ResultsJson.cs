using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DerivationChecker.Classroom.Batch;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>
/// results.json: the whole class result for tools, in snake_case, Persian and math unescaped. Every
/// field but <c>timing</c> depends only on the submissions, the key and the engine, so two runs give
/// the same bytes once <c>timing</c> is set aside (<see cref="WithoutTiming"/>).
/// </summary>
public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        NewLine = "\n",
    };

    public const string TimingField = "timing";

    public static string Write(ClassResult result)
    {
        var node = JsonSerializer.SerializeToNode(result with { Timing = GradingTiming.None }, Options)!.AsObject();
        node.Remove(TimingField);
        node.Add(TimingField, JsonSerializer.SerializeToNode(result.Timing, Options));
        return node.ToJsonString(Options) + "\n";
    }

    /// <summary>The text of results.json without its timing field: what must be identical between two runs.</summary>
    public static string WithoutTiming(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove(TimingField);
        return node.ToJsonString(Options);
    }
}
