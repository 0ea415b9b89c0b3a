using DerivationChecker.Grading.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// Who wrote a submission, from its YAML front matter (or a LaTeX file's <c>%% student-id:</c> lines).
/// Field names are matched loosely: <c>student_id</c>, <c>student-id</c>, <c>id</c>,
/// <c>شماره دانشجویی</c>; <c>name</c>, <c>نام</c>; <c>set</c>.
/// </summary>
public sealed record FrontMatter(string? Id, string? Name, string? Set)
{
    public static readonly FrontMatter None = new(null, null, null);

    /// <summary>Front matter larger than this is not read (a student id and a name are a few lines).</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly string[] IdFields = ["studentid", "student", "id", "sid", "studentnumber", "number", "شمارهدانشجویی", "شماره", "کددانشجویی"];
    private static readonly string[] NameFields = ["name", "studentname", "fullname", "نام", "نامونامخانوادگی", "نامدانشجو"];
    private static readonly string[] SetFields = ["set", "homework", "assignment", "تمرین"];

    public static FrontMatter Read(string yaml, out LocalizedText? problem)
    {
        problem = null;
        if (yaml.Length > MaxLength)
        {
            problem = new($"The front matter is {yaml.Length} characters long; only a student id, a name and a set are expected. It was not read.",
                "سربرگ فایل (front matter) بیش از حد طولانی است و خوانده نشد؛ فقط شمارهٔ دانشجویی، نام و مجموعه لازم است.");
            return None;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                problem = new("The front matter is not a list of 'field: value' lines.", "سربرگ فایل (front matter) باید فهرستی از سطرهای «نام: مقدار» باشد.");
                return None;
            }
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
                    fields.TryAdd(Normalize(k), v.Trim());
            }
            var result = new FrontMatter(Pick(fields, IdFields), Pick(fields, NameFields), Pick(fields, SetFields));
            if (result.Id is null)
                problem = new("The front matter has no student id (student_id: …); the file name is used instead.",
                    "سربرگ فایل شمارهٔ دانشجویی (student_id: …) ندارد؛ به جای آن نام فایل به کار رفت.");
            return result;
        }
        catch (YamlException ex)
        {
            problem = new($"The front matter is not valid YAML (line {ex.Start.Line}): {ex.Message}",
                $"سربرگ فایل YAML معتبر نیست (سطر {ex.Start.Line}): {ex.Message}");
            return None;
        }
    }

    private static string? Pick(Dictionary<string, string> fields, string[] names) =>
        names.Select(n => fields.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);

    private static string Normalize(string key) =>
        new([.. key.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c))]);
}
