using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Classroom.Submissions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Benchmarks;

/// <summary>
/// <c>grade-class N</c>: generates a synthetic class of N submissions of rnn-bptt-attention into a
/// temporary folder — a realistic mix of right answers in several forms, the key's typical mistakes,
/// other wrong answers, template-less, LaTeX and notebook files, malformed LaTeX, a few empty and
/// hostile files — grades it with the same <see cref="ClassGrader"/> as <c>dc grade</c>, writes the
/// outputs, and prints the wall time and the peak working set. Not a test: the figures go in the note.
/// </summary>
public static class ClassBenchmark
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 500;
        var keys = KeyDirectory.Locate() ?? throw new DirectoryNotFoundException("Run from the repository (answer-keys/ not found).");
        var key = KeyFile.Load(keys.FileOf("rnn-bptt-attention")!, "rnn-bptt-attention.yaml", out _)!;
        var root = Path.Combine(Path.GetTempPath(), "dc-grade-class-" + Environment.ProcessId);
        var folder = Path.Combine(root, "class");
        var output = Path.Combine(root, "out");
        Directory.CreateDirectory(folder);
        try
        {
            var mix = Generate(folder, count, new Random(20260101));
            Console.WriteLine($"generated {count} submissions in {folder}: {string.Join(", ", mix.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");

            var wall = Stopwatch.StartNew();
            var sources = SubmissionSource.Find(folder);
            var run = new ClassGrader(key, new ClassGraderOptions()).Grade(sources);
            var graded = wall.Elapsed;
            OutputFolder.Write(output, run.Result, new OutputOptions(Language.Fa, [Gradebook.Moodle]));
            wall.Stop();

            var process = Process.GetCurrentProcess();
            process.Refresh();
            var result = run.Result;
            var t = result.Timing;
            Console.WriteLine($"students {result.Students.Length}, parts {result.Students.Sum(s => s.Parts.Length)}, distinct answers checked {t.Checks}, answers shared {t.CacheHits}, flagged students {result.Students.Count(s => s.Flags.Length > 0)}");
            Console.WriteLine($"reading {t.ReadMs / 1000:0.00} s, checking {t.CheckMs / 1000:0.00} s, graded in {graded.TotalSeconds:0.00} s, with outputs written {wall.Elapsed.TotalSeconds:0.00} s");
            Console.WriteLine($"wall time {wall.Elapsed.TotalSeconds:0.00} s on {Environment.ProcessorCount} cores; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):0} MB");
            Console.WriteLine($"mean total {result.Students.Average(s => s.Total):0.00} / {result.MaxPoints}");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static readonly string[][] RightForms =
    [
        [@"\frac{\partial J_t}{\partial o_t} = \hat{y}_t - y_t", @"g_{o_t} = -(y_t - \mathrm{softmax}(o_t))", @"\frac{\partial J_t}{\partial o_t} = \mathrm{softmax}(o_t) - y_t"],
        [@"\frac{\partial J_t}{\partial h_i} = (W_{hh}^\top)^{t-i} W_{yh}^\top g_{o_t}", @"g_{h_i} = (W_{yh} W_{hh}^{t-i})^\top g_{o_t}", @"\frac{\partial J_t}{\partial h_i} = g_{o_t}^\top W_{yh} W_{hh}^{t-i}"],
        [@"\frac{\partial J_t}{\partial W_{hh}} = \sum_{i=1}^{t} g_{h_i} h_{i-1}^\top", @"\frac{\partial J_t}{\partial W_{hh}} = \sum_{k=1}^{t} (W_{hh}^\top)^{t-k} W_{yh}^\top g_{o_t} h_{k-1}^\top"],
        [@"\frac{\partial J}{\partial W_{hh}} = \sum_{t=1}^{3} \frac{\partial J_t}{\partial W_{hh}}", @"\frac{\partial J}{\partial W_{hh}} = \frac{\partial J_1}{\partial W_{hh}} + \frac{\partial J_2}{\partial W_{hh}} + \frac{\partial J_3}{\partial W_{hh}}"],
        [@"(6, 1, 2)", @"\begin{bmatrix} 6 \\ 1 \\ 2 \end{bmatrix}"],
    ];

    private static readonly string[][] Mistakes =
    [
        [@"\frac{\partial J_t}{\partial o_t} = \left(-\sum_{i=1}^{2}\frac{y_{t,i}}{\hat{y}_{t,i}}\right)\sigma'(o_t)", @"\frac{\partial J_t}{\partial o_t} = y_t - \hat{y}_t", @"\frac{\partial J_t}{\partial o_t} = -y_t \oslash \hat{y}_t"],
        [@"\frac{\partial J_t}{\partial h_i} = W_{hh}^{t-i} W_{yh}^\top g_{o_t}", @"\frac{\partial J_t}{\partial h_i} = (W_{hh}^\top)^{t-i+1} W_{yh}^\top g_{o_t}", @"\frac{\partial J_t}{\partial h_i} = W_{yh} W_{hh}^{t-i} g_{o_t}"],
        [@"\frac{\partial J_t}{\partial W_{hh}} = \sum_{i=1}^{t} g_{h_i} \cdot h_{i-1}", @"\frac{\partial J_t}{\partial W_{hh}} = \sum_{i=1}^{t} g_{h_i} h_i^\top", @"\frac{\partial J_t}{\partial W_{hh}} = \sum_{i=1}^{t} h_{i-1} g_{h_i}^\top", @"\frac{\partial J_t}{\partial W_{hh}} = g_{h_t} h_{t-1}^\top"],
        [@"\frac{\partial J}{\partial W_{hh}} = \frac{\partial J_3}{\partial W_{hh}}", @"\frac{\partial J}{\partial W_{hh}} = \frac{1}{3}\sum_{t=1}^{3} \frac{\partial J_t}{\partial W_{hh}}"],
        [@"(6, -1, 2)", @"(6, 1, 0)", @"(6, 1, -2)"],
    ];

    private static readonly string[] Parts = ["q2a", "q2b", "q2c", "q2d", "q3a"];

    /// <summary>Writes the class; returns how many submissions of each kind it holds.</summary>
    private static Dictionary<string, int> Generate(string folder, int count, Random random)
    {
        var mix = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < count; s++)
        {
            var id = (40300000 + s).ToString(CultureInfo.InvariantCulture);
            var roll = random.NextDouble();
            var kind = roll switch
            {
                < 0.01 => "empty",
                < 0.02 => "hostile",
                < 0.07 => "malformed",
                < 0.15 => "no-template",
                < 0.19 => "latex",
                < 0.23 => "notebook",
                _ => "template",
            };
            mix[kind] = mix.GetValueOrDefault(kind) + 1;
            var skill = random.NextDouble();
            var answers = Parts.Select((_, p) => Answer(p, skill, random)).ToArray();
            var choices = new[] { random.NextDouble() < skill + 0.3 ? "b, c" : "b", random.NextDouble() < skill + 0.3 ? "c" : "a", random.NextDouble() < skill + 0.4 ? "c" : "d" };
            switch (kind)
            {
                case "empty":
                    File.WriteAllText(Path.Combine(folder, id + ".md"), "");
                    break;
                case "hostile":
                    answers[0] = @"\frac{\partial J_t}{\partial o_t} = " + new string('{', 5000) + "x" + new string('}', 5000);
                    answers[1] = @"\frac{\partial J_t}{\partial h_i} = 10^{10^{10^{10}}} W_{yh}^\top g_{o_t}";
                    answers[2] = @"\frac{\partial J_t}{\partial W_{hh}} = " + string.Join(" + ", Enumerable.Range(0, 2000).Select(i => $"h_{{{i}}}"));
                    File.WriteAllText(Path.Combine(folder, id + ".md"), Markdown(id, choices, answers));
                    break;
                case "malformed":
                    var broken = random.Next(Parts.Length);
                    answers[broken] = answers[broken].Replace("}", "", StringComparison.Ordinal) + @" \frac{";
                    File.WriteAllText(Path.Combine(folder, id + ".md"), Markdown(id, choices, answers));
                    break;
                case "no-template":
                    File.WriteAllText(Path.Combine(folder, id + ".md"), Persian(choices, answers));
                    break;
                case "latex":
                    File.WriteAllText(Path.Combine(folder, id + ".tex"), Latex(id, choices, answers));
                    break;
                case "notebook":
                    File.WriteAllText(Path.Combine(folder, id + ".ipynb"), Notebook(id, choices, answers));
                    break;
                default:
                    File.WriteAllText(Path.Combine(folder, id + ".md"), Markdown(id, choices, answers));
                    break;
            }
        }
        return mix;
    }

    /// <summary>Right (in one of its forms), a typical mistake, or another wrong answer of the student's own.</summary>
    private static string Answer(int part, double skill, Random random)
    {
        var roll = random.NextDouble();
        if (roll < skill * 0.8 + 0.15) return Pick(RightForms[part], random);
        if (roll < 0.93) return Pick(Mistakes[part], random);
        var k = random.Next(2, 9).ToString(CultureInfo.InvariantCulture);
        return part switch
        {
            0 => $@"\frac{{\partial J_t}}{{\partial o_t}} = {k}(\hat{{y}}_t - y_t)",
            1 => $@"\frac{{\partial J_t}}{{\partial h_i}} = (W_{{hh}}^\top)^{{t-i+{k}}} W_{{yh}}^\top g_{{o_t}}",
            2 => $@"\frac{{\partial J_t}}{{\partial W_{{hh}}}} = \sum_{{i=1}}^{{t}} g_{{h_i}} h_{{i-{k}}}^\top",
            3 => $@"\frac{{\partial J}}{{\partial W_{{hh}}}} = {k}\sum_{{t=1}}^{{3}} \frac{{\partial J_t}}{{\partial W_{{hh}}}}",
            _ => $"(6, {k}, 2)",
        };
    }

    private static string Pick(string[] options, Random random) => options[random.Next(options.Length)];

    private static string Markdown(string id, string[] choices, string[] answers)
    {
        var sb = new StringBuilder($"---\nstudent_id: {id}\nname: Student {id}\n---\n\n");
        foreach (var (part, choice) in new[] { "q1a", "q1b", "q1c" }.Zip(choices)) sb.Append($"## {part}\n\nAnswer: {choice}\n\n");
        foreach (var (part, answer) in Parts.Zip(answers)) sb.Append($"## {part}\n\nSome working first.\n\n$$\n{answer}\n$$\n\n");
        sb.Append("## q3b\n\nArgmax has zero gradient almost everywhere, so the keys and queries get no signal.\n");
        return sb.ToString();
    }

    private static string Persian(string[] choices, string[] answers)
    {
        var fa = choices.Select(c => c.Replace("b", "ب", StringComparison.Ordinal).Replace("c", "ج", StringComparison.Ordinal).Replace("a", "آ", StringComparison.Ordinal).Replace("d", "د", StringComparison.Ordinal)).ToArray();
        return $"""
            به نام خدا

            ۱. پرسش‌های چندگزینه‌ای

            (a) پس گزینه {fa[0]} درست است.

            (b) پس گزینه {fa[1]}.

            (c) گزینه {fa[2]}.

            ۲. پس‌انتشار

            الف) $${answers[0]}$$

            ب) $${answers[1]}$$

            ج) $${answers[2]}$$

            د) $${answers[3]}$$

            ۳. توجه

            الف) $${answers[4].Replace(@"\frac{\partial J_t}{\partial o_t} = ", "", StringComparison.Ordinal)}$$

            ب) گرادیان argmax صفر است.
            """;
    }

    private static string Latex(string id, string[] choices, string[] answers)
    {
        var sb = new StringBuilder($"%% student-id: {id}\n\\documentclass{{article}}\n\\begin{{document}}\n");
        foreach (var (part, choice) in new[] { "q1a", "q1b", "q1c" }.Zip(choices)) sb.Append($"%% part: {part}\nAnswer: {choice}\n\n");
        foreach (var (part, answer) in Parts.Zip(answers)) sb.Append($"%% part: {part}\n\\[\n{answer}\n\\]\n\n");
        sb.Append("%% part: q3b\nArgmax is not differentiable.\n\\end{document}\n");
        return sb.ToString();
    }

    private static string Notebook(string id, string[] choices, string[] answers)
    {
        var cells = new List<object> { new { cell_type = "markdown", metadata = new { }, source = $"---\nstudent_id: {id}\n---\n# HW5" } };
        foreach (var (part, choice) in new[] { "q1a", "q1b", "q1c" }.Zip(choices))
            cells.Add(new { cell_type = "markdown", metadata = new { }, source = $"## {part}\n\nپاسخ: {choice}" });
        cells.Add(new { cell_type = "code", metadata = new { }, source = "import numpy as np", outputs = Array.Empty<object>(), execution_count = (int?)null });
        foreach (var (part, answer) in Parts.Zip(answers))
            cells.Add(new { cell_type = "markdown", metadata = new { }, source = $"## {part}\n\n$$\n{answer}\n$$" });
        return JsonSerializer.Serialize(new { cells, metadata = new { }, nbformat = 4, nbformat_minor = 5 });
    }
}
