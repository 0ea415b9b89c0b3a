using System.Globalization;
using DerivationChecker.Core.Derivations;

namespace DerivationChecker.Publishing.Documents;

/// <summary>
/// The fixed words of a sheet in one language: headings, labels and how a step's check is told.
/// Everything else on a sheet comes from its content.
/// </summary>
public sealed record Labels(
    string Step,
    string Rule,
    string Goal,
    string Result,
    string Results,
    string Assumption,
    string Note,
    string AcceptedForms,
    string CommonMistakes,
    string Why,
    string Verified,
    string NotVerified,
    string Symbolic,
    string Numeric,
    string Points,
    string Instances,
    string FoundFalse,
    string NotBuilt,
    string ListSeparator,
    string Digits)
{
    public static readonly Labels English = new(
        Step: "Step",
        Rule: "Rule",
        Goal: "Goal",
        Result: "Result",
        Results: "Results",
        Assumption: "Assumption",
        Note: "Note",
        AcceptedForms: "Accepted forms",
        CommonMistakes: "Common mistakes",
        Why: "Why",
        Verified: "verified",
        NotVerified: "not verified",
        Symbolic: "symbolic",
        Numeric: "numeric",
        Points: "points",
        Instances: "instances",
        FoundFalse: "the engine found this step false",
        NotBuilt: "The engine could not build this derivation",
        ListSeparator: ", ",
        Digits: "0123456789");

    public static readonly Labels Persian = new(
        Step: "گام",
        Rule: "قاعده",
        Goal: "خواسته",
        Result: "نتیجه",
        Results: "نتیجه‌ها",
        Assumption: "فرض",
        Note: "یادداشت",
        AcceptedForms: "صورت‌های پذیرفته",
        CommonMistakes: "اشتباه‌های رایج",
        Why: "چرا",
        Verified: "تأییدشده",
        NotVerified: "تأییدنشده",
        Symbolic: "نمادین",
        Numeric: "عددی",
        Points: "نقطه",
        Instances: "نمونه",
        FoundFalse: "موتور این گام را نادرست یافت",
        NotBuilt: "موتور نتوانست این استخراج را بسازد",
        ListSeparator: "، ",
        Digits: "۰۱۲۳۴۵۶۷۸۹");

    public static Labels For(SheetLanguage language) => language == SheetLanguage.Persian ? Persian : English;

    /// <summary>A count in this language's digits (۱۲ in Persian).</summary>
    public string Number(int n)
    {
        var text = n.ToString(CultureInfo.InvariantCulture);
        return string.Concat(text.Select(c => char.IsAsciiDigit(c) ? Digits[c - '0'] : c));
    }

    /// <summary>
    /// How a step was checked: "verified: symbolic", "verified: numeric (12 points)",
    /// "verified: numeric (27 instances, 180 points)" when a statement was checked instance by instance.
    /// </summary>
    public string Check(StepCheck check)
    {
        var instances = check.Instances > 0 ? $"{Number(check.Instances)} {Instances}" : null;
        var points = $"{Number(check.Points)} {Points}";
        return check.Kind switch
        {
            CheckKind.Symbolic => $"{Verified}: {Symbolic}" + (instances is null ? "" : $" ({instances})"),
            CheckKind.Numeric => $"{Verified}: {Numeric} ({(instances is null ? points : instances + ListSeparator + points)})",
            CheckKind.Failed => $"{NotVerified.ToUpperInvariant()}: {FoundFalse}",
            _ => $"{NotVerified}: {check.Detail}",
        };
    }
}
