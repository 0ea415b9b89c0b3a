using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// A label at the start of a heading or paragraph that says which part follows: a part id as the
/// template writes it (<c>q2a</c>), or a question number and a sub-part letter as students write them
/// in English or Persian (<c>2a</c>, <c>2.a</c>, <c>Question 2 (a)</c>, <c>(b)</c>, <c>سوال ۲ بخش الف</c>,
/// <c>۲-ب</c>, <c>ج)</c>, <c>سوال دوم</c>). <see cref="Rest"/> is what follows the label.
/// </summary>
public sealed record PartLabel(string? PartId, int? Question, char? Sub, LetterScript? Script, string Rest)
{
    /// <summary>The question is named with a word ("Question 6", "سوال ۶"), not only numbered ("6."): a student may skip questions before it.</summary>
    public bool Worded { get; init; }
}

/// <summary>Which alphabet a sub-part letter is in: a student who numbers parts (a), (b) lists options (آ), (ب).</summary>
public enum LetterScript
{
    Latin,
    Persian,
}

public static partial class PartLabels
{
    /// <summary>Persian sub-part letters, abjad order (الف ب ج د ه) with the alphabetical پ and ت, ث as c, d, e.</summary>
    private static readonly Dictionary<string, char> PersianLetters = new(StringComparer.Ordinal)
    {
        ["الف"] = 'a', ["آ"] = 'a', ["ب"] = 'b', ["ج"] = 'c', ["پ"] = 'c', ["د"] = 'd', ["ت"] = 'd', ["ه"] = 'e', ["ث"] = 'e',
    };

    private static readonly (string Word, string Digit)[] Ordinals =
        [("اول", "1"), ("یکم", "1"), ("دوم", "2"), ("سوم", "3"), ("چهارم", "4"), ("پنجم", "5"), ("ششم", "6"), ("هفتم", "7"), ("هشتم", "8")];

    /// <summary>
    /// Reads the label at the start of <paramref name="text"/>, or null. <paramref name="partIds"/> are the
    /// key's part ids (a heading that starts with one is the template's); <paramref name="heading"/> allows
    /// a bare number ("## 2") as a question label.
    /// </summary>
    public static PartLabel? Read(string text, IReadOnlyList<string> partIds, bool heading)
    {
        var (normalized, offset) = Normalize(text);
        if (normalized.Length == 0) return null;
        string Rest(int consumed) => text[Math.Min(text.Length, offset + consumed)..].TrimStart(' ', '\t', ':', '-', '–', '—', '.', ')', '*');

        var template = Template().Match(normalized);
        if (template.Success)
        {
            var id = partIds.OrderByDescending(p => p.Length).FirstOrDefault(p => string.Equals(p, template.Groups["id"].Value, StringComparison.OrdinalIgnoreCase));
            if (id is not null)
            {
                var (q, s) = Numbering(id);
                return new PartLabel(id, q, s, s is null ? null : LetterScript.Latin, Rest(template.Length));
            }
        }

        var both = QuestionAndSub().Match(normalized);
        if (both.Success)
        {
            var (sub, script) = Letter(both.Groups["s"].Value);
            return new PartLabel(null, int.Parse(both.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), sub, script, Rest(both.Length));
        }

        var question = QuestionOnly().Match(normalized);
        if (!question.Success && heading) question = BareNumber().Match(normalized);
        if (question.Success)
            return new PartLabel(null, int.Parse(question.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), null, null, Rest(question.Length))
            {
                Worded = char.IsLetter(question.Value.TrimStart()[0]),
            };

        var subOnly = SubOnly().Match(normalized);
        if (subOnly.Success)
        {
            var (sub, script) = Letter(subOnly.Groups["s"].Value);
            return new PartLabel(null, null, sub, script, Rest(subOnly.Length));
        }
        return null;
    }

    /// <summary>q2a → (2, a); q3 → (3, none); an id in another shape → (none, none).</summary>
    public static (int? Question, char? Sub) Numbering(string partId)
    {
        var m = IdShape().Match(partId);
        if (!m.Success) return (null, null);
        var n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (n, m.Groups["s"].Success ? char.ToLowerInvariant(m.Groups["s"].Value[0]) : null);
    }

    private static (char Sub, LetterScript Script) Letter(string letter) =>
        PersianLetters.TryGetValue(letter, out var persian) ? (persian, LetterScript.Persian) : (char.ToLowerInvariant(letter[0]), LetterScript.Latin);

    /// <summary>
    /// Lower case, Persian and Arabic digits as ASCII, emphasis and direction marks as spaces, ordinals
    /// after a question word as digits; leading blanks trimmed (their count is the offset into the original).
    /// Every change keeps one character for one, so positions still point into the original text.
    /// </summary>
    private static (string Text, int Offset) Normalize(string text)
    {
        var head = text.Length > 200 ? text[..200] : text;
        var sb = new StringBuilder(head.Length);
        foreach (var c in head)
        {
            sb.Append(c switch
            {
                >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
                >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
                '*' or '#' or '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u00a0' => ' ',
                'ي' => 'ی',
                'ك' => 'ک',
                _ => char.ToLowerInvariant(c),
            });
        }
        var normalized = sb.ToString();
        foreach (var (word, digit) in Ordinals)
            normalized = Regex.Replace(normalized, $@"^(\s*(?:سوال|سؤال|پرسش|مسئله|تمرین)\s*){word}(?=\W|$)",
                m => m.Groups[1].Value + digit.PadRight(word.Length), RegexOptions.None, TimeSpan.FromSeconds(1));
        var trimmed = normalized.TrimStart();
        return (trimmed, normalized.Length - trimmed.Length);
    }

    private const string QuestionWord = @"(?:question|problem|exercise|prob\.?|q|سوال|سؤال|پرسش|مسئله|مساله|مسأله|تمرین)";
    private const string SubWord = @"(?:part|section|بخش|قسمت|زیربخش|مورد)";
    private const string LatinLetter = "[a-h]";
    private const string PersianLetter = "(?:الف|آ|ب|پ|ج|ت|د|ث|ه)";
    private const string End = @"(?=$|[\s).:\-–—،,\]])";

    [GeneratedRegex(@"^(?:(?:part|بخش|قسمت)\s*)?(?<id>[a-z]+[0-9]+[a-z0-9\-]*|[0-9]+[a-z]+[a-z0-9\-]*)(?=$|[^a-z0-9\-])", RegexOptions.None, 1000)]
    private static partial Regex Template();

    [GeneratedRegex(@"^(?:" + QuestionWord + @"\s*\.?\s*)?(?<n>\d{1,2})\s*(?:[.\-–—_:)]\s*|\s+)?(?:" + SubWord + @"\s*)?[(\[]?(?<s>" + LatinLetter + "|" + PersianLetter + @")[)\]]?" + End, RegexOptions.None, 1000)]
    private static partial Regex QuestionAndSub();

    [GeneratedRegex(@"^(?:" + QuestionWord + @"\s*\.?\s*(?<n>\d{1,2})" + End + @"|(?<n>\d{1,2})\s*[.)\-–—:](?!\d)|\((?<n>\d{1,2})\))", RegexOptions.None, 1000)]
    private static partial Regex QuestionOnly();

    [GeneratedRegex(@"^(?<n>\d{1,2})\s*$", RegexOptions.None, 1000)]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^(?:(?:" + SubWord + @"\s*)?[(\[](?<s>" + LatinLetter + "|" + PersianLetter + @")[)\]]|(?:" + SubWord + @"\s*)?(?<s>" + LatinLetter + "|" + PersianLetter + @")\s*[).:\-–—](?!\d)|" + SubWord + @"\s*(?<s>" + LatinLetter + "|" + PersianLetter + ")" + End + ")", RegexOptions.None, 1000)]
    private static partial Regex SubOnly();

    [GeneratedRegex(@"^[a-z]*(?<n>\d+)(?<s>[a-z])?$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex IdShape();

    /// <summary>The sub-part letters of a set of part ids: which questions have parts a, b, c ….</summary>
    public static ImmutableDictionary<(int Question, char? Sub), string> Map(IEnumerable<string> partIds)
    {
        var map = ImmutableDictionary.CreateBuilder<(int, char?), string>();
        foreach (var id in partIds)
        {
            var (q, s) = Numbering(id);
            if (q is { } n) map.TryAdd((n, s), id);
        }
        return map.ToImmutable();
    }
}
