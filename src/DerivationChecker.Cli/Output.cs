using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DerivationChecker.Notation;

namespace DerivationChecker.Cli;

/// <summary>Writes results as text or JSON (UTF-8, Persian and math symbols unescaped).</summary>
public static class Output
{
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };
    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static void Json(JsonNode node, bool indented = true) => Console.WriteLine(node.ToJsonString(indented ? Indented : Compact));

    public static JsonObject ErrorJson(ParseError error) => new()
    {
        ["message"] = error.Message,
        ["position"] = error.Position,
        ["line"] = error.Line,
        ["column"] = error.Column,
    };

    /// <summary>Reports bad input (exit 2) as text on stderr or as JSON on stdout.</summary>
    public static int Fail(string message, bool json)
    {
        if (json) Json(new JsonObject { ["ok"] = false, ["error"] = new JsonObject { ["message"] = message } });
        else Console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }

    public static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
