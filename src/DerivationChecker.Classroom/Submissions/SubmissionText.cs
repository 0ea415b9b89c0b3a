using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using DerivationChecker.Classroom.Batch;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>The text of a submission file, decoded, with what went wrong on the way (too large, not UTF-8, binary).</summary>
public sealed record SubmissionText(string Text, ImmutableArray<SubmissionIssue> Issues, string Sha256, bool Binary)
{
    /// <summary>Bytes read from a file at most; beyond this a file is cut and flagged too-large.</summary>
    public const int DefaultMaxBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes. UTF-8 (with or without a BOM) and UTF-16 with a
    /// BOM are read as they are; other bytes are read as Windows-1256, the Arabic-script code page
    /// Persian editors save in, and flagged not-utf8. A file with NUL bytes is binary (a PDF, an image, a
    /// Word file): nothing is graded from it. The hash covers the bytes read, for <c>--resume</c>.
    /// </summary>
    public static SubmissionText Read(string path, int maxBytes = DefaultMaxBytes)
    {
        byte[] bytes;
        long length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            length = stream.Length;
            var toRead = (int)Math.Min(length, maxBytes);
            bytes = new byte[toRead];
            stream.ReadExactly(bytes);
        }
        return Decode(bytes, length, maxBytes);
    }

    public static SubmissionText Decode(byte[] bytes, long fullLength, int maxBytes = DefaultMaxBytes)
    {
        var issues = ImmutableArray.CreateBuilder<SubmissionIssue>();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (fullLength > maxBytes)
            issues.Add(new SubmissionIssue(ClassFlags.TooLarge,
                $"The file is {Megabytes(fullLength)}; only its first {Megabytes(maxBytes)} were read.",
                $"حجم فایل {Megabytes(fullLength)} است؛ فقط {Megabytes(maxBytes)} نخست آن خوانده شد."));
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            issues.Add(new SubmissionIssue(ClassFlags.Empty, "The file is empty.", "فایل خالی است."));
            return new SubmissionText("", issues.ToImmutable(), hash, false);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return new SubmissionText(Clean(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2)), issues.ToImmutable(), hash, false);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return new SubmissionText(Clean(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2)), issues.ToImmutable(), hash, false);
        if (LooksBinary(bytes))
        {
            issues.Add(new SubmissionIssue(ClassFlags.Binary,
                $"The file is not text ({Kind(bytes)}); submit the answers as Markdown, LaTeX or a notebook.",
                "فایل متنی نیست (مثلاً PDF، تصویر یا فایل Word)؛ پاسخ‌ها را به صورت Markdown، LaTeX یا نوت‌بوک بفرستید."));
            return new SubmissionText("", issues.ToImmutable(), hash, true);
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        // A file cut at the size limit may end inside a character: that alone is not a reason to doubt its encoding.
        var end = fullLength > maxBytes ? CompleteUtf8Prefix(bytes) : bytes.Length;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, end - start);
            return new SubmissionText(Clean(text), issues.ToImmutable(), hash, false);
        }
        catch (DecoderFallbackException)
        {
            issues.Add(new SubmissionIssue(ClassFlags.NotUtf8,
                "The file is not UTF-8; it was read as Windows-1256 (Arabic script). Check that the Persian text and formulas came through, and save as UTF-8 next time.",
                "فایل با کدگذاری UTF-8 ذخیره نشده است و با کدگذاری Windows-1256 خوانده شد. بررسی کنید متن فارسی و فرمول‌ها درست خوانده شده باشند و دفعهٔ بعد فایل را با UTF-8 ذخیره کنید."));
            return new SubmissionText(Clean(Windows1256.Value.GetString(bytes)), issues.ToImmutable(), hash, false);
        }
    }

    private static readonly Lazy<Encoding> Windows1256 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1256);
    });

    /// <summary>NUL bytes, or many control characters, in the first 8 KB: not a text file.</summary>
    private static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (sample.Contains((byte)0)) return true;
        var control = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C) control++;
        return control > sample.Length / 20;
    }

    private static string Kind(byte[] bytes)
    {
        static bool Starts(byte[] b, string magic) => b.Length >= magic.Length && b.AsSpan(0, magic.Length).SequenceEqual(Encoding.ASCII.GetBytes(magic));
        if (Starts(bytes, "%PDF")) return "a PDF";
        if (Starts(bytes, "PK")) return "a zip archive, such as a Word file";
        if (Starts(bytes, "\x89PNG") || Starts(bytes, "\xFF\xD8")) return "an image";
        return "binary data";
    }

    /// <summary>The length of the longest prefix that does not end inside a UTF-8 sequence.</summary>
    private static int CompleteUtf8Prefix(byte[] bytes)
    {
        var end = bytes.Length;
        var back = 0;
        while (back < 4 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) back++;
        if (end - back - 1 < 0) return end;
        var lead = bytes[end - back - 1];
        var needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed > back ? end - back - 1 : end;
    }

    /// <summary>Line endings made \n; NUL and other control characters (OCR debris) dropped.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (c == '\uFEFF' || (c < ' ' && c is not '\n' and not '\t')) continue;
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
