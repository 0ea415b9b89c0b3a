using System.Globalization;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Results;

/// <summary>
/// The feedback the grader writes itself (when no rule of the key matched), in both languages.
/// Formulas arrive rendered in Unicode; in Persian each is wrapped in directional isolates.
/// The engine's own detail (shapes, values) is English and stays inside an isolate in Persian.
/// </summary>
public static class Phrases
{
    private static string F(string math) => MathText.Isolate(math, Language.Fa);

    public static readonly LocalizedText Right = new("Right.", "درست است.");

    public static LocalizedText NotEquivalent(Verdict verdict)
    {
        var text = new LocalizedText("This is not the expected answer.", "این پاسخ درست نیست.");
        if (verdict.Diagnosis is { } d) text = text.Then(Diagnosis(d));
        if (verdict.Counterexample is { } c) text = text.Then(Counterexample(c));
        return text;
    }

    public static LocalizedText Diagnosis(Diagnosis d) => d.Kind switch
    {
        DiagnosisKind.Sign => new("Its sign is the opposite of the expected answer's: check each minus sign.",
            "علامت آن برعکسِ پاسخ درست است: علامت‌های منفی را بررسی کنید."),
        DiagnosisKind.Factor => d.Factor is { } f
            ? new($"It is off by a constant factor: the answer is {UnicodeWriter.Write(f)} times the expected one.",
                $"با پاسخ درست در یک ضریب ثابت فرق دارد: پاسخ شما {F(UnicodeWriter.Write(f))} برابرِ پاسخ درست است.")
            : new("It is off by a constant factor.", "با پاسخ درست در یک ضریب ثابت فرق دارد."),
        DiagnosisKind.Transpose => Transposed(d.Detail),
        DiagnosisKind.Shape => new($"The shapes do not work: {d.Detail}", $"ابعاد با هم جور درنمی‌آیند: {F(d.Detail)}"),
        _ => new("It is undefined where the expected answer has a value.", "در جاهایی که پاسخ درست مقدار دارد، تعریف‌نشده است."),
    };

    public static LocalizedText Transposed(string detail) =>
        new($"It is the transpose of the expected answer (the other layout): {detail}",
            $"ترانهادهٔ پاسخ مورد انتظار است (چیدمان دیگر): {F(detail)}");

    public static LocalizedText Counterexample(Counterexample c)
    {
        var point = string.Join(", ", c.Point.Select(kv => $"{kv.Key} = {kv.Value}"));
        // A point made only of opaque quantities (∂J_t/∂W) has no coordinates to show.
        if (point.Length == 0)
            return new($"For example, at a random point the expected answer is {c.ValueA} but yours gives {c.ValueB}.",
                $"برای نمونه در یک نقطهٔ تصادفی مقدار پاسخ درست {F(c.ValueA)} است ولی پاسخ شما {F(c.ValueB)} می‌دهد.");
        return new($"For example, at {point} the expected answer is {c.ValueA} but yours gives {c.ValueB}.",
            $"برای نمونه در {F(point)} مقدار پاسخ درست {F(c.ValueA)} است ولی پاسخ شما {F(c.ValueB)} می‌دهد.");
    }

    public static LocalizedText Inconclusive(string reason) =>
        new($"The engine could not decide whether this is right ({reason}); a person will check it.",
            $"موتور نتوانست درستیِ این پاسخ را تشخیص دهد ({F(reason)})؛ یک نفر آن را بررسی می‌کند.");

    public static LocalizedText ParseError(ParseError e) =>
        new($"Could not read the answer ({e.Where}): {e.Message}",
            $"پاسخ خوانده نشد ({F(e.Where)}): {F(e.Message)}");

    public static readonly LocalizedText EmptyAnswer = new("The answer is empty.", "پاسخی نوشته نشده است.");

    public static LocalizedText Missing(string label) =>
        new($"No answer for {label}: write it as {label} = ….", $"برای {F(label)} پاسخی پیدا نشد: آن را به شکل {F(label + " = …")} بنویسید.");

    public static LocalizedText Unmatched(string statement) =>
        new($"This statement does not say which quantity it answers: {statement}",
            $"معلوم نیست این عبارت پاسخ کدام کمیت است: {F(statement)}");

    public static LocalizedText NotANumber(string why) =>
        new($"The part asks for numbers: {why}.", $"این بخش عدد می‌خواهد: {F(why)}.");

    public static LocalizedText WrongCount(int expected, int actual) =>
        new($"The part asks for {expected} number{(expected == 1 ? "" : "s")}; the answer has {actual}.",
            $"این بخش {Digits(expected)} عدد می‌خواهد ولی پاسخ شما {Digits(actual)} عدد دارد.");

    public static LocalizedText WrongEntries(IReadOnlyList<int> entries, int count) => count == 1
        ? new("The value is not right.", "مقدار درست نیست.")
        : new($"Not right: entr{(entries.Count == 1 ? "y" : "ies")} {string.Join(", ", entries)} of {count} differ from the expected values.",
            entries.Count == 1
                ? $"درست نیست: درایهٔ {Digits(entries[0])} از {Digits(count)} درایه با مقدار درست فرق دارد."
                : $"درست نیست: درایه‌های {string.Join("، ", entries.Select(Digits))} از {Digits(count)} درایه با مقدار درست فرق دارند.");

    public static LocalizedText IntegerCounterexample(string point, string expected, string actual) =>
        new($"For example, with {point} the count is {expected} but your formula gives {actual}.",
            $"برای نمونه با {F(point)} تعداد درست {F(expected)} است ولی فرمول شما {F(actual)} می‌دهد.");

    public static LocalizedText Manual(IEnumerable<(decimal Points, LocalizedText Text)> rubric)
    {
        var items = rubric.ToList();
        return new(
            "Graded by a person with these rubric points:\n" + string.Join('\n', items.Select(i => $"  • ({Points(i.Points)}) {i.Text.En}")),
            "این بخش را یک نفر با این معیارها نمره می‌دهد:\n" + string.Join('\n', items.Select(i => $"  • ({Digits(i.Points)}) {i.Text.Fa}")));
    }

    public static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number in Persian digits, for Persian prose (formulas keep Latin digits).</summary>
    public static string Digits(decimal value) =>
        string.Concat(Points(value).Select(c => c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c == '.' ? '٫' : c));

    public static string Digits(int value) => Digits((decimal)value);
}
