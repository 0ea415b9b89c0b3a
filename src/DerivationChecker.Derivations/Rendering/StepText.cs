using DerivationChecker.Core.Derivations;

namespace DerivationChecker.Derivations.Rendering;

/// <summary>How a step's check is told to a reader, in every format.</summary>
internal static class StepText
{
    public static string Check(StepCheck check) => check.Kind switch
    {
        CheckKind.Symbolic when check.Instances > 0 => $"verified: symbolic ({check.Instances} instances)",
        CheckKind.Symbolic => "verified: symbolic",
        CheckKind.Numeric when check.Instances > 0 => $"verified: numeric ({check.Instances} instances, {check.Points} points)",
        CheckKind.Numeric => $"verified: numeric ({check.Points} points)",
        CheckKind.Failed => "NOT VERIFIED: the engine found this step false",
        _ => "not verified: " + check.Detail,
    };

    public static string Relation(StepRelation relation) => relation switch
    {
        StepRelation.LessOrEqual => @"\le",
        StepRelation.Implies => @"\Rightarrow",
        _ => "=",
    };
}
