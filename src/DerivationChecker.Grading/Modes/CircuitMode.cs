using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Circuits;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Modes;

/// <summary>
/// A threshold network given as parameter assignments, graded by simulation over every binary input
/// up to the key's length under both step conventions. The verdict says which convention the answer
/// needs and, under each convention where it fails, the first (shortest) input it gets wrong.
/// </summary>
public sealed class CircuitMode : IGradingMode
{
    public string Name => ModeNames.Circuit;

    public GradeResult Grade(AnswerKey key, Part part, string answer, GradingOptions options)
    {
        var spec = (CircuitSpec)part.Spec;
        var id = part.QualifiedId(key);
        var read = AssignmentReader.Read(answer, part.Context, spec.ParameterNames);
        if (read.Error is { } error)
            return GradeResult.Invalid(id, part.Points, Phrases.ParseError(error), "parse") with { ParseError = error };
        var parameters = Parameters(spec, read, out var problems, out var missing);
        if (parameters is null)
        {
            var en = string.Join("\n", problems);
            var feedback = new LocalizedText(en, "پارامترهای شبکه کامل یا درست نوشته نشده‌اند:\n" + string.Join("\n", problems.Select(p => MathText.Isolate(p, Language.Fa))));
            return GradeResult.Invalid(id, part.Points, feedback, "circuit:parameters", missing ? GradeFlags.NotFound : GradeFlags.None);
        }

        var report = CircuitSimulator.Simulate(spec.Architecture, parameters, spec.MaxLength);
        var full = Passes(spec.Step, report);
        decimal points = full ? part.Points : spec.Step == StepRequirement.Both && report.PassesAny && spec.OneConventionPoints is { } one ? one : 0;
        var text = Describe(spec.Architecture, report);
        if (!full && report.PassesAny && Requirement(spec.Step) is { } needed)
            text = text.Then(needed);
        if (!full && spec.Step == StepRequirement.Both && report.PassesAny && spec.OneConventionFeedback is { } extra)
            text = text.Then(extra);
        var notes = read.Unknown.Select(u => $"{u} is not a parameter of this network; it was ignored").ToList();
        return new GradeResult(id, points, part.Points, GradeVerdicts.ForPoints(points, part.Points), MathText.Render(text, part.Context.Symbols), null,
            $"simulation: {report.Strict.InputsChecked + report.Inclusive.InputsChecked} runs, inputs up to length {report.MaxLength} under both step conventions", GradeFlags.None)
        {
            Circuit = report,
            Notes = [.. notes],
        };
    }

    internal static bool Passes(StepRequirement step, CircuitReport report) => step switch
    {
        StepRequirement.Both => report.PassesBoth,
        StepRequirement.Strict => report.Strict.Passed,
        StepRequirement.Inclusive => report.Inclusive.Passed,
        _ => report.PassesAny,
    };

    private static LocalizedText? Requirement(StepRequirement step) => step switch
    {
        StepRequirement.Both => new("The question asks for a network that is right under both conventions.", "سؤال شبکه‌ای می‌خواهد که با هر دو قرارداد درست باشد."),
        StepRequirement.Strict => new("The question uses φ(0)=0 (φ(z)=1 iff z>0).", $"سؤال قرارداد {MathText.Isolate("φ(0)=0", Language.Fa)} را به کار می‌برد."),
        StepRequirement.Inclusive => new("The question uses φ(0)=1 (φ(z)=1 iff z≥0).", $"سؤال قرارداد {MathText.Isolate("φ(0)=1", Language.Fa)} را به کار می‌برد."),
        _ => null,
    };

    /// <summary>Which convention the network needs, and where it fails under each other one.</summary>
    public static LocalizedText Describe(CircuitArchitecture architecture, CircuitReport report)
    {
        LocalizedText C(StepConvention c) => architecture.DescribeConvention(c);
        string Fa(string s) => MathText.Isolate(s, Language.Fa);
        LocalizedText Failure(ConventionResult r)
        {
            var f = r.FirstFailure!;
            return new LocalizedText(
                $"Under {C(r.Convention).En} it fails first on {f.Input}: y^{f.Length} should be {FailingInput.Number(f.Expected)} but the network gives {FailingInput.Number(f.Actual)}.",
                $"با {C(r.Convention).Fa} نخستین ورودیِ نادرست {Fa(f.Input)} است: {Fa($"y^{f.Length}")} باید {Fa(FailingInput.Number(f.Expected))} باشد ولی شبکه {Fa(FailingInput.Number(f.Actual))} می‌دهد.");
        }
        if (report.PassesBoth)
            return new LocalizedText(
                $"Right under both step conventions ({C(StepConvention.Strict).En} and {C(StepConvention.Inclusive).En}) on every input up to length {report.MaxLength}.",
                $"با هر دو قرارداد پله ({C(StepConvention.Strict).Fa} و {C(StepConvention.Inclusive).Fa}) روی همهٔ ورودی‌ها تا طول {Phrases.Digits(report.MaxLength)} درست است.");
        if (report.PassesAny)
        {
            var good = report.Strict.Passed ? report.Strict : report.Inclusive;
            var bad = report.Strict.Passed ? report.Inclusive : report.Strict;
            return new LocalizedText(
                    $"Right only under {C(good.Convention).En}: the answer needs that step convention.",
                    $"فقط با {C(good.Convention).Fa} درست است: این پاسخ به همین قرارداد پله نیاز دارد.")
                .Then(Failure(bad));
        }
        return new LocalizedText("Wrong under both step conventions.", "با هیچ‌یک از دو قرارداد پله درست نیست.")
            .Then(Failure(report.Strict)).Then(Failure(report.Inclusive));
    }

    /// <summary>The parameter values by role, flattened row by row; null with the problems when one is missing or misshapen.</summary>
    private static Dictionary<string, double[]>? Parameters(CircuitSpec spec, ParameterAssignments read, out List<string> problems, out bool missing)
    {
        problems = [.. read.Problems];
        missing = false;
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var p in spec.Architecture.Parameters)
        {
            var name = UnicodeWriter.Write(spec.ParameterNames[p.Role].Value);
            if (!read.Values.TryGetValue(p.Role, out var value))
            {
                problems.Add($"{name} is missing ({p.Described})");
                missing = true;
                continue;
            }
            var fits = p.Columns == 1 ? value.IsVector && value.Entries.Length == p.Rows : value.Rows == p.Rows && value.Columns == p.Columns;
            if (!fits) problems.Add($"{name} must be {p.Described}, not {value.Shape}");
            else result[p.Role] = [.. value.Entries];
        }
        return problems.Count == 0 ? result : null;
    }

    public IEnumerable<KeyFinding> Verify(AnswerKey key, Part part, GradingOptions options)
    {
        var spec = (CircuitSpec)part.Spec;
        var read = AssignmentReader.Read(spec.Reference, part.Context, spec.ParameterNames);
        var parameters = Parameters(spec, read, out var problems, out _);
        if (parameters is null)
        {
            yield return KeyFinding.Error(spec.ReferenceWhere, part.Id, "the reference cannot be simulated: " + string.Join("; ", problems));
            yield break;
        }
        var report = CircuitSimulator.Simulate(spec.Architecture, parameters, spec.MaxLength);
        if (!Passes(spec.Step, report))
            yield return KeyFinding.Error(spec.ReferenceWhere, part.Id,
                $"the reference fails its own simulation (step: {spec.Step.ToString().ToLowerInvariant()}): {Describe(spec.Architecture, report).En.Replace('\n', ' ')}");
    }
}
