using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Modes;

/// <summary>
/// Multiple choice, one or several correct options. Exactly the correct set earns full marks; a
/// specific wrong set the key lists earns its points; a proper subset of the correct options earns a
/// proportional share when the key allows subsets; any wrong option earns nothing unless the key sets
/// a penalty per wrong option instead. Latin and Persian letters name the same options.
/// </summary>
public sealed class ChoiceMode : IGradingMode
{
    public string Name => ModeNames.Choice;

    public GradeResult Grade(AnswerKey key, Part part, string answer, GradingOptions options)
    {
        var spec = (ChoiceSpec)part.Spec;
        var id = part.QualifiedId(key);
        var read = ChoiceReader.Read(answer);
        var letters = spec.Options.Select(o => o.Letter).ToHashSet();
        var unknown = read.Unknown.Concat(read.Letters.Where(l => !letters.Contains(l)).Select(l => l.ToString())).ToList();
        if (read.Letters.IsEmpty && unknown.Count == 0) return GradeResult.Invalid(id, part.Points, Phrases.EmptyAnswer, "empty", GradeFlags.NotFound);
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", spec.Options.Select(o => o.Letter));
            var knownFa = string.Join("، ", spec.Options.Select(o => ChoiceReader.PersianLetter(o.Letter)));
            return GradeResult.Invalid(id, part.Points, new LocalizedText(
                $"Not an option: {string.Join(", ", unknown)}. The options are {known}.",
                $"این گزینه وجود ندارد: {string.Join("، ", unknown)}. گزینه‌ها: {knownFa}."), "choice:unknown-option");
        }

        var chosen = read.Letters.ToHashSet();
        var correct = spec.Correct.ToHashSet();
        GradeResult Result(decimal points, LocalizedText feedback, string method) =>
            new(id, points, part.Points, GradeVerdicts.ForPoints(points, part.Points), MathText.Render(feedback, part.Context.Symbols), null, method, GradeFlags.None);

        if (chosen.SetEquals(correct)) return Result(part.Points, Phrases.Right, "choice:exact");
        if (spec.Mistakes.FirstOrDefault(m => chosen.SetEquals(m.Choice)) is { } mistake)
            return Result(mistake.Points, mistake.Feedback, "choice:mistake");

        var right = chosen.Count(correct.Contains);
        var wrong = chosen.Where(l => !correct.Contains(l)).OrderBy(l => l).ToList();
        var share = right == correct.Count ? part.Points : spec.SubsetCredit ? part.Points * right / correct.Count : 0;
        decimal points = wrong.Count == 0 ? share : spec.WrongOptionPenalty is { } penalty ? Math.Max(0, share - penalty * wrong.Count) : 0;
        points = Math.Round(points, 2);

        var lines = new List<LocalizedText>();
        foreach (var letter in wrong)
        {
            var option = spec.Options.First(o => o.Letter == letter);
            lines.Add(option.Feedback is { } why
                ? why.Prefixed(new LocalizedText($"({letter})", $"({ChoiceReader.PersianLetter(letter)})"))
                : new LocalizedText($"Option {letter} is not right.", $"گزینهٔ {ChoiceReader.PersianLetter(letter)} درست نیست."));
        }
        if (right < correct.Count)
            lines.Add(right == 0
                ? new LocalizedText("None of the correct options is chosen.", "هیچ‌یک از گزینه‌های درست انتخاب نشده است.")
                : new LocalizedText("Not all the correct options are chosen.", "همهٔ گزینه‌های درست انتخاب نشده‌اند."));
        if (wrong.Count > 0 && spec.WrongOptionPenalty is null && right > 0)
            lines.Add(new LocalizedText("A wrong option earns no points for the part.", "انتخاب یک گزینهٔ نادرست، نمرهٔ این بخش را صفر می‌کند."));
        return Result(points, LocalizedText.Lines(lines), wrong.Count == 0 ? "choice:subset" : "choice:wrong-option");
    }

    public IEnumerable<KeyFinding> Verify(AnswerKey key, Part part, GradingOptions options)
    {
        var spec = (ChoiceSpec)part.Spec;
        var letters = spec.Options.Select(o => o.Letter).ToHashSet();
        foreach (var l in spec.Correct.Where(l => !letters.Contains(l)))
            yield return KeyFinding.Error(part.Where, part.Id, $"the correct option '{l}' is not one of the options ({string.Join(", ", letters.Order())})");
        foreach (var m in spec.Mistakes)
        {
            if (m.Choice.Any(l => !letters.Contains(l)))
                yield return KeyFinding.Error(m.Where, part.Id, $"the wrong choice {string.Join(", ", m.Choice)} names an option that does not exist");
            if (m.Choice.ToHashSet().SetEquals(spec.Correct))
                yield return KeyFinding.Error(m.Where, part.Id, $"the wrong choice {string.Join(", ", m.Choice)} is the correct answer, so the rule contradicts the key");
        }
        var expected = Enumerable.Range(0, letters.Count).Select(i => (char)('a' + i));
        if (!letters.SetEquals(expected))
            yield return KeyFinding.Warning(part.Where, part.Id, $"the options are {string.Join(", ", letters.Order())}; options are usually a, b, c, … without gaps");
        if (spec.SubsetCredit && spec.Correct.Length == 1)
            yield return KeyFinding.Warning(part.Where, part.Id, "subset_credit has no effect with a single correct option");
        if (spec.Correct.Length == letters.Count)
            yield return KeyFinding.Warning(part.Where, part.Id, "every option is correct");
    }
}
