namespace DerivationChecker.Cli;

/// <summary>
/// Answers often start with a minus sign (-\frac{1}{n}…), which a command-line parser takes for an
/// option. This moves every positional argument after a "--" so that <c>dc equiv -x x</c> works:
/// options (--name, with a value unless it is a flag) keep their place, anything else is positional.
/// </summary>
public static class ArgumentNormalizer
{
    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Flags =
    [
        "--json", "--help", "-h", "-?", "--list", "--resume", "--pdf", "--version", "--verbose", "--quiet", "--all", "--no-progress",
    ];

    public static string[] Normalize(string[] args)
    {
        if (args.Length == 0 || args.Contains("--")) return args;
        var options = new List<string>();
        var positional = new List<string>();
        var i = 0;
        // Leading command words (equiv, keys verify) stay first.
        var head = new List<string>();
        while (i < args.Length && !args[i].StartsWith('-') && IsCommandWord(args[i], head.Count))
        {
            head.Add(args[i]);
            i++;
        }
        for (; i < args.Length; i++)
        {
            var a = args[i];
            if (Flags.Contains(a) || (a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')))
            {
                options.Add(a);
            }
            else if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                options.Add(a);
                if (i + 1 < args.Length) options.Add(args[++i]);
            }
            else
            {
                positional.Add(a);
            }
        }
        return [.. head, .. options, .. positional.Count > 0 ? ["--", .. positional] : Array.Empty<string>()];
    }

    private static readonly HashSet<string> Commands = ["parse", "equiv", "diff", "derive", "check", "keys", "verify", "grade", "regrade", "render", "bench"];

    private static bool IsCommandWord(string word, int position) => position < 2 && Commands.Contains(word);
}
