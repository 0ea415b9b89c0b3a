using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Probability;

/// <summary>
/// The rewrites a derivation shows one at a time. Each applies its own identity to every E[·] or Var(·)
/// where it holds (inner ones first) and changes nothing else: no canonicalisation, no other rule.
/// </summary>
public static partial class ExpectationAlgebra
{
    /// <summary>Pushes E through sums (finite and Σ) and pulls deterministic factors out: E[c·X + Y] → c·E[X] + E[Y].</summary>
    public static Expr Linearity(Expr e, RandomModel model)
    {
        Expr Push(Expr x)
        {
            if (!model.IsRandom(x)) return x; // E[c] = c
            if (!IsScalar(x)) return new Expectation(x);
            switch (x)
            {
                // E[X + Y] = E[X] + E[Y]
                case Add add:
                    return new Add([.. add.Terms.Select(Push)]);
                // E[−X] = −E[X]
                case Negate neg:
                    return new Negate(Push(neg.Operand));
                // E[Σ_i X_i] = Σ_i E[X_i]
                case BigOperator { Kind: BigOperatorKind.Sum } big:
                    return big.With(body: Push(big.Body));
                // E[c X] = c E[X]
                case Multiply m when m.Factors.Any(f => !model.IsRandom(f)):
                    {
                        var random = m.Factors.Where(model.IsRandom).ToList();
                        return new Multiply([.. m.Factors.Where(f => !model.IsRandom(f)), Push(ProductOf(random))]);
                    }
                // E[X / c] = E[X] / c
                case Divide div when !model.IsRandom(div.Denominator):
                    return new Divide(Push(div.Numerator), div.Denominator);
                default:
                    return new Expectation(x);
            }
        }
        return e.Rewrite(node => node is Expectation ex ? Push(ex.Operand) : node);
    }

    /// <summary>
    /// E[f(g_i)] → E[f(g)], Var(w_j) → Var(W): a moment of one member of an identically distributed
    /// family is that of its representative. A moment involving several random quantities is left alone
    /// (the model says each member is distributed like the representative, not how members move together).
    /// </summary>
    public static Expr Stationarity(Expr e, RandomModel model)
    {
        Expr Apply(Expr operand, Func<Expr, Expr> rebuild)
        {
            var atoms = model.Atoms(operand);
            if (atoms.Count == 0 || atoms.Any(a => a.UnderBinder || !a.Atom.Equals(atoms[0].Atom))) return rebuild(operand);
            var representative = model.Representative(atoms[0].Atom);
            return rebuild(ReferenceEquals(representative, atoms[0].Atom) ? operand : operand.Substitute(atoms[0].Atom, representative));
        }
        return e.Rewrite(node => node switch
        {
            Expectation ex => Apply(ex.Operand, o => ReferenceEquals(o, ex.Operand) ? ex : new Expectation(o)),
            Variance v => Apply(v.Operand, o => ReferenceEquals(o, v.Operand) ? v : new Variance(o)),
            _ => node,
        });
    }

    /// <summary>
    /// E[XY] → E[X]·E[Y] for independent groups of random factors; E[(XY)^k] → E[X^k]·E[Y^k].
    /// Deterministic factors stay with the first group (pulling them out is <see cref="Linearity"/>'s step).
    /// </summary>
    public static Expr Independence(Expr e, RandomModel model)
    {
        Expr Factor(Expectation ex)
        {
            IReadOnlyList<Expr>? factors = ex.Operand switch
            {
                Multiply m => m.Factors,
                // (XY)^k = X^k Y^k for an integer k
                Power { Base: Multiply m, Exponent: Number { Value.IsInteger: true } k } => [.. m.Factors.Select(f => (Expr)new Power(f, k))],
                _ => null,
            };
            if (factors is null || !IsScalar(ex.Operand)) return ex;
            var groups = model.IndependentGroups([.. factors.Where(model.IsRandom)]);
            if (groups.Count < 2) return ex;
            groups[0].InsertRange(0, factors.Where(f => !model.IsRandom(f)));
            // E[XY] = E[X] E[Y] for independent X, Y
            return new Multiply([.. groups.Select(g => (Expr)new Expectation(ProductOf(g)))]);
        }
        return e.Rewrite(node => node is Expectation ex ? Factor(ex) : node);
    }

    /// <summary>Var(Z) → E[Z²] − E[Z]² for every Var(·).</summary>
    public static Expr VarianceDefinition(Expr e) => e.Rewrite(node => node is Variance v
        // Var(Z) = E[Z²] − E[Z]²
        ? new Add(new Expectation(new Power(v.Operand, Number.Two)), new Negate(new Power(new Expectation(v.Operand), Number.Two)))
        : node);

    /// <summary>
    /// Var(Σ_j Z_j) → Σ_j Var(Z_j) when the terms are mutually independent (see <see cref="RandomModel"/>),
    /// and Var(X + Y + …) → Var(X) + Var(Y) + … when every term is random and the terms are pairwise independent.
    /// </summary>
    public static Expr VarianceOfIndependentSum(Expr e, RandomModel model)
    {
        Expr Split(Variance v) => v.Operand switch
        {
            // Var(Σ_j Z_j) = Σ_j Var(Z_j) for independent Z_j
            BigOperator { Kind: BigOperatorKind.Sum } big when IsScalar(big) && model.TermsIndependent(big) => big.With(body: new Variance(big.Body)),
            // Var(X + Y) = Var(X) + Var(Y) for independent X, Y
            Add add when IsScalar(add) && add.Terms.All(model.IsRandom) && model.IndependentGroups(add.Terms).Count == add.Terms.Length =>
                new Add([.. add.Terms.Select(t => (Expr)new Variance(t))]),
            _ => v,
        };
        return e.Rewrite(node => node is Variance v ? Split(v) : node);
    }

    /// <summary>
    /// Var(XY) → E[X]²Var(Y) + Var(X)E[Y]² + Var(X)Var(Y) for independent X, Y (every factor random;
    /// X is the first independent group, Y the rest).
    /// </summary>
    public static Expr ProductVariance(Expr e, RandomModel model)
    {
        Expr Split(Variance v)
        {
            if (v.Operand is not Multiply m || !IsScalar(m) || !m.Factors.All(model.IsRandom)) return v;
            var groups = model.IndependentGroups(m.Factors);
            if (groups.Count < 2) return v;
            var x = ProductOf(groups[0]);
            var y = ProductOf([.. groups.Skip(1).SelectMany(g => g)]);
            // Var(XY) = E[X]²Var(Y) + Var(X)E[Y]² + Var(X)Var(Y) for independent X, Y
            return new Add(
                new Multiply(new Power(new Expectation(x), Number.Two), new Variance(y)),
                new Multiply(new Variance(x), new Power(new Expectation(y), Number.Two)),
                new Multiply(new Variance(x), new Variance(y)));
        }
        return e.Rewrite(node => node is Variance v ? Split(v) : node);
    }

    /// <summary>E[X] → 0 for a zero-mean random quantity X (or member of a zero-mean family).</summary>
    public static Expr ZeroMeans(Expr e, RandomModel model) => e.Rewrite(node =>
        node is Expectation ex && model.FamilyOf(ex.Operand) is not null && model.IsZeroMean(ex.Operand) ? Number.Zero : node);
}
