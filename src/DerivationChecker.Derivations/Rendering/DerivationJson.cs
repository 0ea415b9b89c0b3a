using System.Text.Json.Nodes;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Derivations.Rendering;

/// <summary>A derivation as JSON: every step (and sub-step) with rule, before, after (LaTeX) and verified.</summary>
public static class DerivationJson
{
    public static JsonObject Render(Derivation d) => new()
    {
        ["name"] = d.Name,
        ["title"] = d.Title,
        ["goal"] = d.Goal,
        ["subject"] = LatexWriter.Write(d.Subject),
        ["assumptions"] = new JsonArray([.. d.Assumptions.Select(a => (JsonNode)a)]),
        ["steps"] = new JsonArray([.. d.Steps.Select(s => (JsonNode)Step(s))]),
        ["result"] = LatexWriter.Write(d.Result),
        ["results"] = new JsonArray([.. d.Results.Select(r => (JsonNode)new JsonObject
        {
            ["subject"] = LatexWriter.Write(r.Subject),
            ["value"] = LatexWriter.Write(r.Value),
            ["relation"] = r.Relation.ToString().ToLowerInvariant(),
            ["unicode"] = UnicodeWriter.Write(r.Subject) + " = " + UnicodeWriter.Write(r.Value),
        })]),
        ["result_unicode"] = UnicodeWriter.Write(d.Result),
        ["all_verified"] = d.AllVerified,
    };

    private static JsonObject Step(Step s)
    {
        var node = new JsonObject
        {
            ["rule"] = s.Rule,
            ["relation"] = s.Relation.ToString().ToLowerInvariant(),
            ["before"] = LatexWriter.Write(s.Before),
            ["after"] = LatexWriter.Write(s.After),
            ["verified"] = s.Check.Passed ? JsonValue.Create(s.Check.Label) : JsonValue.Create(false),
            ["points"] = s.Check.Points,
            ["check"] = s.Check.Detail,
        };
        if (s.Subject is not null) node["subject"] = LatexWriter.Write(s.Subject);
        if (s.Note is not null) node["note"] = s.Note;
        node["substeps"] = new JsonArray([.. s.SubSteps.Select(x => (JsonNode)Step(x))]);
        return node;
    }
}
