using System.Reflection;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Modes;
using DerivationChecker.Notation.Unicode;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// The answer keys' acceptance criterion, enforced: for every part with an automatic mode, the key's test
/// class (<see cref="AnswerKeyTestsAttribute"/>) has an accepted answer written differently from the key
/// that earns full marks, and a wrong answer whose feedback it asserts in English and Persian. A part that
/// asks for several quantities needs both for each quantity. A new key, part or quantity without such
/// cases fails here; the theories themselves check that the cases grade as they say.
/// </summary>
public sealed class KeyCoverageTests
{
    public static TheoryData<string> Sets() => [.. new KeyDirectory(KeysFolder).Sets()];

    private sealed record AcceptedCase(string Part, string Answer);

    private sealed record WrongCase(string Part, string Quantity, string Answer, string En, string Fa);

    [Fact]
    public void Every_key_has_exactly_one_test_class_and_every_test_class_a_key()
    {
        var classes = TestClasses().GroupBy(c => c.Set).ToDictionary(g => g.Key, g => g.Count());
        var sets = new KeyDirectory(KeysFolder).Sets();
        Assert.All(sets, set => Assert.True(classes.GetValueOrDefault(set) == 1, $"answer-keys/{set}.yaml needs one class marked [AnswerKeyTests(\"{set}\")]"));
        Assert.All(classes.Keys, set => Assert.Contains(set, sets));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_automatic_part_has_an_accepted_answer_written_differently_from_the_key(string set)
    {
        var key = LoadSet(set);
        var cases = Accepted(set);
        var missing = new List<string>();
        foreach (var part in key.Parts.Where(p => p.Mode != ModeNames.Prose))
        {
            var answers = cases.Where(c => c.Part == part.Id).Select(c => c.Answer).ToList();
            switch (part.Spec)
            {
                case QuantitiesSpec spec:
                    // What each quantity was graded on, as the grader read it, against the key's own forms.
                    var graded = answers.SelectMany(a => Grade(key, part.Id, a).Quantities).ToList();
                    foreach (var q in spec.Quantities)
                    {
                        var keyForms = q.Accept.Select(a => UnicodeWriter.Write(a.Value)).ToHashSet();
                        if (!graded.Any(r => r.Id == q.Id && r.Graded is { } g && !keyForms.Contains(g)))
                            missing.Add(spec.Listed ? $"{part.Id}/{q.Id}" : part.Id);
                    }
                    break;
                case ChoiceSpec choice:
                    if (!answers.Any(a => Compact(a) != Compact(string.Join(",", choice.Correct)))) missing.Add(part.Id);
                    break;
                case CircuitSpec circuit:
                    if (!answers.Any(a => Compact(a) != Compact(circuit.Reference))) missing.Add(part.Id);
                    break;
                default:
                    missing.Add($"{part.Id} (mode {part.Mode} is not known to this test)");
                    break;
            }
        }
        Assert.True(missing.Count == 0, $"{set}: no [InlineData] of {KeyAssertions.AcceptedTheory} writes these differently from the key: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_automatic_part_has_a_wrong_answer_with_feedback_asserted_in_both_languages(string set)
    {
        var key = LoadSet(set);
        var cases = Wrong(set);
        Assert.All(cases, c => Assert.False(string.IsNullOrWhiteSpace(c.En) || string.IsNullOrWhiteSpace(c.Fa), $"{c.Part}: {c.Answer}"));
        var missing = new List<string>();
        foreach (var part in key.Parts.Where(p => p.Mode != ModeNames.Prose))
        {
            var ofPart = cases.Where(c => c.Part == part.Id).ToList();
            if (part.Spec is QuantitiesSpec { Listed: true } spec)
                missing.AddRange(spec.Quantities.Where(q => !ofPart.Any(c => c.Quantity == q.Id)).Select(q => $"{part.Id}/{q.Id}"));
            else if (ofPart.Count == 0)
                missing.Add(part.Id);
        }
        Assert.True(missing.Count == 0, $"{set}: no [InlineData] of {KeyAssertions.WrongTheory} tests a wrong answer to: {string.Join(", ", missing)}");
    }

    private static string Compact(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace(@"\", "", StringComparison.Ordinal).ToLowerInvariant();

    private static IEnumerable<(Type Type, string Set)> TestClasses() =>
        typeof(KeyCoverageTests).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<AnswerKeyTestsAttribute>()))
            .Where(t => t.Attribute is not null)
            .Select(t => (t.Type, t.Attribute!.Set));

    private static Type ClassOf(string set) => Assert.Single(TestClasses(), c => c.Set == set).Type;

    /// <summary>The [InlineData] rows of a theory, each as its arguments by parameter name.</summary>
    private static List<Dictionary<string, string>> Rows(string set, string theory, params string[] parameters)
    {
        var method = ClassOf(set).GetMethod(theory, BindingFlags.Public | BindingFlags.Instance);
        Assert.True(method is not null, $"the tests of {set} have no theory {theory}");
        var names = method.GetParameters().Select(p => p.Name!).ToArray();
        Assert.Equal(parameters, names);
        return [.. method.GetCustomAttributes<InlineDataAttribute>()
            .SelectMany(a => a.GetData(method))
            .Select(row => names.Zip(row, (n, v) => (n, v: (string)v)).ToDictionary(p => p.n, p => p.v))];
    }

    private static List<AcceptedCase> Accepted(string set) =>
        [.. Rows(set, KeyAssertions.AcceptedTheory, "part", "answer").Select(r => new AcceptedCase(r["part"], r["answer"]))];

    private static List<WrongCase> Wrong(string set) =>
        [.. Rows(set, KeyAssertions.WrongTheory, "part", "quantity", "answer", "en", "fa")
            .Select(r => new WrongCase(r["part"], r["quantity"], r["answer"], r["en"], r["fa"]))];
}
