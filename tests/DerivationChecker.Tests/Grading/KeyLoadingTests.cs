using DerivationChecker.Grading.Keys;

namespace DerivationChecker.Tests.Grading;

/// <summary>Loading a key: a good key loads; every mistake in a key is an error naming file, line and field; nothing throws.</summary>
public sealed class KeyLoadingTests
{
    private const string File = "test-set.yaml";

    private static string Key(string parts, string symbols = "") => GradingTestKeys.Header(symbols) + parts;

    private const string GoodPart = """
          - id: p1
            points: 2
            mode: symbolic
            statement: {en: Differentiate, fa: مشتق بگیرید}
            accept: ['2x']
        """;

    private static KeyError Single(string yaml, string? field = null)
    {
        var result = KeyLoader.Parse(yaml, File);
        Assert.Null(result.Key);
        var errors = field is null ? result.Errors : [.. result.Errors.Where(e => e.Field == field)];
        Assert.True(errors.Length >= 1, $"expected an error{(field is null ? "" : $" at {field}")}, got: {string.Join('\n', result.Errors)}");
        Assert.All(result.Errors, e => Assert.Equal(File, e.File));
        return errors[0];
    }

    [Fact]
    public void The_worked_example_key_loads() => Assert.Equal(9, GradingTestKeys.LoadSet("rnn-bptt-attention").Parts.Length);

    [Fact]
    public void A_good_inline_key_loads() => Assert.Single(GradingTestKeys.Parse(Key(GoodPart)).Parts);

    [Fact]
    public void An_unknown_field_names_its_line_and_the_nearest_known_field()
    {
        var e = Single(Key(GoodPart + "\n    mistake: []\n"), "parts.p1.mistake");
        Assert.Equal(15, e.Line);
        Assert.Contains("did you mean 'mistakes'", e.Message);
    }

    [Fact]
    public void A_field_of_another_mode_is_unknown_here()
    {
        var e = Single(Key(GoodPart.Replace("mode: symbolic", "mode: numeric") + "\n    layout: {transpose: full, feedback: ok}\n"), "parts.p1.layout");
        Assert.Contains("mode numeric does not use it", e.Message);
    }

    [Fact]
    public void A_missing_field_is_reported_at_its_mapping()
    {
        var e = Single(Key(GoodPart.Replace("    points: 2\n", "")), "parts.p1.points");
        Assert.Equal(10, e.Line);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void A_wrong_type_says_what_was_expected()
    {
        var e = Single(Key(GoodPart.Replace("points: 2", "points: [2]")), "parts.p1.points");
        Assert.Equal(11, e.Line);
        Assert.Contains("must be a number", e.Message);
    }

    [Fact]
    public void Unreadable_latex_names_the_parser_position()
    {
        var e = Single(Key(GoodPart.Replace("['2x']", @"['\frac{2}{x']")), "parts.p1.accept[0]");
        Assert.Equal(14, e.Line);
        Assert.Contains("column", e.Message);
        Assert.Contains("not closed", e.Message);
    }

    [Fact]
    public void LaTeX_in_double_quotes_is_refused_because_YAML_eats_its_backslashes()
    {
        var e = Single(Key(GoodPart.Replace("['2x']", "[\"\\frac{2}{x}\"]")), "parts.p1.accept[0]");
        Assert.Contains("single quotes", e.Message);
    }

    [Fact]
    public void A_bad_symbol_kind_is_reported_at_its_declaration()
    {
        var e = Single(Key(GoodPart, symbols: "    'W': matrix 4"), "context.symbols.W");
        Assert.Equal(7, e.Line);
        Assert.Contains("not a kind", e.Message);
    }

    [Fact]
    public void An_unknown_mode_lists_the_modes()
    {
        var e = Single(Key(GoodPart.Replace("mode: symbolic", "mode: symbolc")), "parts.p1.mode");
        Assert.Contains("symbolic, numeric, choice, circuit, count, prose", e.Message);
    }

    [Fact]
    public void Quantities_must_add_up_to_the_part()
    {
        var e = Single(Key("""
              - id: p1
                points: 3
                mode: symbolic
                statement: two things
                quantities:
                  - {id: a, names: ['y'], points: 1, accept: ['x']}
                  - {id: b, names: ['z'], points: 1, accept: ['2x']}
            """), "parts.p1.quantities");
        Assert.Contains("add up to 2", e.Message);
    }

    [Fact]
    public void A_mistake_cannot_earn_full_marks_and_needs_an_answer_or_a_diagnosis()
    {
        var full = Single(Key(GoodPart + "\n    mistakes:\n      - {diagnosis: sign, points: 2, feedback: no}\n"), "parts.p1.mistakes[0].points");
        Assert.Contains("less than the 2 points", full.Message);
        var empty = Single(Key(GoodPart + "\n    mistakes:\n      - {points: 1, feedback: no}\n"), "parts.p1.mistakes[0]");
        Assert.Contains("needs an 'answer'", empty.Message);
    }

    [Fact]
    public void Rubric_points_and_the_total_must_add_up()
    {
        var rubric = Single(Key("""
              - id: p1
                points: 4
                mode: prose
                statement: explain
                rubric:
                  - {points: 1, text: one}
            """), "parts.p1.rubric");
        Assert.Contains("add up to 1", rubric.Message);
        var total = Single(Key(GoodPart).Replace("language: en", "language: en\ntotal_points: 5"), "total_points");
        Assert.Contains("add up to 2, not 5", total.Message);
    }

    [Fact]
    public void The_set_id_must_be_the_file_name()
    {
        var result = KeyLoader.Parse(Key(GoodPart), "other-name.yaml");
        Assert.Contains(result.Errors, e => e.Field == "set" && e.Message.Contains("other-name.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_YAML_and_missing_files_are_errors_not_exceptions()
    {
        var broken = KeyLoader.Parse("set: [unclosed", File);
        Assert.Null(broken.Key);
        Assert.Contains("not valid YAML", broken.Errors[0].Message);
        var missing = KeyLoader.Load("/nonexistent/none.yaml");
        Assert.Contains("cannot read", missing.Errors[0].Message);
        var duplicate = KeyLoader.Parse("set: a\nset: b\n", File);
        Assert.Null(duplicate.Key);
    }

    [Fact]
    public void Circuit_and_choice_specifics_are_validated()
    {
        var circuit = Single(Key("""
              - id: p1
                points: 4
                mode: circuit
                statement: build it
                architecture: all-ones-rnn
                parameters: {w1: 'w_1', w2: 'w_2', w3: 'w_3', b1: 'b_1', b9: 'b_2'}
                reference: 'w_1 = 1'
                step: inclusive
            """), "parts.p1.parameters.b9");
        Assert.Contains("not a parameter of all-ones-rnn", circuit.Message);
        var choice = Single(Key("""
              - id: p1
                points: 4
                mode: choice
                statement: pick
                options: {a: one, b: two, 'ز': three}
                correct: b
            """));
        Assert.Contains("not an option letter", choice.Message);
    }

    [Fact]
    public void A_part_may_say_which_quantities_are_random_and_a_name_that_is_not_one_is_an_error()
    {
        var key = GradingTestKeys.Parse(Key(GoodPart + "\n    random: ['g', 'W^{[l]}']\n"));
        // W^{[l]} is a member of the family W.
        Assert.Equal("g, W", string.Join(", ", key.Parts[0].Context.Random!.Value));
        Assert.Equal("W, g", string.Join(", ", key.Parts[0].Context.Definitions.RandomNames!.Order(StringComparer.Ordinal)));
        Assert.Null(GradingTestKeys.Parse(Key(GoodPart)).Parts[0].Context.Random);

        var e = Single(Key(GoodPart + "\n    random: ['x + 1']\n"), "parts.p1.random[0]");
        Assert.Contains("not the name of a quantity", e.Message);
    }
}
