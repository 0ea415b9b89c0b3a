using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Classroom.Submissions;
using DerivationChecker.Grading.Results;
using DerivationChecker.Tests.Grading;

namespace DerivationChecker.Tests.Classroom;

/// <summary>The worked-example key, temporary class folders written by the tests, and a way to grade them.</summary>
public static class ClassroomFixture
{
    private static readonly Lazy<KeyFile> RnnKey = new(() => LoadKey(Path.Combine(GradingTestKeys.KeysFolder, "rnn-bptt-attention.yaml")));

    public static KeyFile Key => RnnKey.Value;

    public static string SampleClass => Path.Combine(GradingTestKeys.KeysFolder, "..", "sample-submissions", "rnn-bptt-attention");

    public static KeyFile LoadKey(string path)
    {
        var key = KeyFile.Load(path, path, out var errors);
        Assert.True(key is not null, string.Join('\n', errors));
        return key!;
    }

    /// <summary>A fresh folder under the system's temporary folder, removed by <see cref="IDisposable.Dispose"/>.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dc-classroom-" + Guid.NewGuid().ToString("N"));

        public string Write(string name, string text)
        {
            var file = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text, new System.Text.UTF8Encoding(false));
            return file;
        }

        public string WriteBytes(string name, byte[] bytes)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(file, bytes);
            return file;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static ClassResult Grade(string folder, ClassGraderOptions? options = null, KeyFile? key = null) =>
        new ClassGrader(key ?? Key, options ?? new ClassGraderOptions()).Grade(SubmissionSource.Find(folder)).Result;

    public static GradeOutcome Run(string folder, string output, bool resume = false, KeyFile? key = null, ClassGraderOptions? options = null) =>
        ClassGrading.Run(new GradeRequest(key ?? Key, folder, output, Language.Fa, [Gradebook.Moodle, Gradebook.Canvas], resume, options ?? new ClassGraderOptions()));

    public static StudentResult Student(ClassResult result, string id) => result.Students.Single(s => s.Id == id);

    public static PartOutcome Part(StudentResult student, string part) => student.Parts.Single(p => p.Part == part);

    /// <summary>A submission in the template: front matter, then one heading per part with its answer.</summary>
    public static string Template(string id, params (string Part, string Answer)[] parts) =>
        $"---\nstudent_id: {id}\nname: Student {id}\n---\n\n" + string.Concat(parts.Select(p => $"## {p.Part}\n\n{p.Answer}\n\n"));

    public const string RightQ2a = "$$\n\\frac{\\partial J_t}{\\partial o_t} = \\hat{y}_t - y_t\n$$";
    public const string RightQ2b = "$$\n\\frac{\\partial J_t}{\\partial h_i} = (W_{hh}^\\top)^{t-i} W_{yh}^\\top g_{o_t}\n$$";
    public const string RightQ3a = "$$(6, 1, 2)$$";
}
