using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Shapes;

/// <summary>The shape of an expression, or the first place its shapes do not fit.</summary>
public readonly record struct ShapeResult(Shape? Shape, ShapeError? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Infers the shape of every node bottom-up. Sums broadcast a true scalar over a vector (√v + ε);
/// products fold left, a 1×1 product acting as a scalar; powers of square matrices are matrix
/// powers and powers of vectors are elementwise; derivatives follow denominator layout.
/// </summary>
public sealed class ShapeInference
{
    private int _depth;

    public static ShapeResult Infer(Expr e) => new ShapeInference().Run(e);

    public ShapeResult Run(Expr e)
    {
        try
        {
            return new ShapeResult(Of(e), null);
        }
        catch (ShapeException ex)
        {
            return new ShapeResult(null, ex.Error);
        }
        catch (InsufficientExecutionStackException)
        {
            return new ShapeResult(Shape.Unknown, null);
        }
    }

    /// <summary>Shape of a node; throws <see cref="ShapeException"/> on the first inconsistency.</summary>
    public Shape Of(Expr e)
    {
        switch (e.ShapeCache)
        {
            case Shape cached:
                return cached;
            case ShapeError error:
                throw new ShapeException(error);
        }
        StackGuard.Check(++_depth);
        Shape shape;
        try
        {
            shape = Compute(e);
        }
        catch (ShapeException ex)
        {
            e.ShapeCache = ex.Error;
            throw;
        }
        finally
        {
            _depth--;
        }
        e.ShapeCache = shape;
        return shape;
    }

    private Shape Compute(Expr e)
    {
        switch (e)
        {
            case Number or FloatNumber or Constant or TextNode or EllipsisNode or KroneckerDelta:
                return Shape.Scalar;
            case Symbol s:
                return OfSymbol(s);
            case Indexed ix:
                return OfIndexed(ix);
            case Add add:
                return Combine(add.Terms, ShapeProblem.Add, add);
            case Negate neg:
                return Of(neg.Operand);
            case Multiply mul:
                return OfProduct(mul);
            case Divide div:
                return OfDivide(div);
            case Power pow:
                return OfPower(pow);
            case Root root:
                RequireScalar(root.Index, root);
                return Of(root.Radicand);
            case Transpose t:
                return Of(t.Operand) is MatrixShape m ? m.Transposed : Of(t.Operand);
            case Inverse inv:
                return OfInverse(inv);
            case HadamardProduct h:
                return Combine(h.Factors, ShapeProblem.Elementwise, h);
            case HadamardDivide hd:
                return Combine([hd.Left, hd.Right], ShapeProblem.Elementwise, hd);
            case Diag d:
                return OfDiag(d);
            case Trace tr:
                {
                    var s = Of(tr.Operand);
                    if (s is MatrixShape { IsSquare: false }) throw new ShapeException(new ShapeError(ShapeProblem.Trace, tr, tr.Operand, s));
                    return Shape.Scalar;
                }
            case Norm:
                Of(e.Args[0]);
                return Shape.Scalar;
            case Softmax sm:
                return Of(sm.Operand);
            case IdentityMatrix id:
                return Shape.Matrix(id.Dimension, id.Dimension);
            case OnesVector ones:
                return ones.Length is { } length ? Shape.Vector(length) : Shape.Unknown;
            case MatrixLiteral lit:
                foreach (var entry in lit.Args)
                {
                    var s = Of(entry);
                    if (!s.IsScalar && !s.IsUnknown && !(s is MatrixShape { IsOneByOne: true }))
                        throw new ShapeException(new ShapeError(ShapeProblem.MatrixEntry, lit, entry, s));
                }
                return Shape.Matrix(lit.Rows, lit.Columns);
            case Apply ap:
                return OfApply(ap);
            case BigOperator big:
                return OfBigOperator(big);
            case Expectation or Variance:
                return Of(e.Args[0]);
            case Derivative der:
                return OfDerivative(der);
            case Relation rel:
                return OfRelation(rel);
            case Piecewise pw:
                {
                    var values = Enumerable.Range(0, pw.Count).Select(pw.ValueAt).ToArray();
                    foreach (var c in pw.Cases) Of(c.Condition);
                    return Combine(values, ShapeProblem.Elementwise, pw);
                }
            default:
                foreach (var a in e.Args) Of(a);
                return Shape.Unknown;
        }
    }

    private static Shape OfSymbol(Symbol s) => s.Kind switch
    {
        VectorKind v => Shape.Vector(v.Length),
        MatrixKind m => Shape.Matrix(m.Rows, m.Columns),
        FamilyKind => throw new ShapeException(new ShapeError(ShapeProblem.Family, s, s, Shape.Unknown)),
        FunctionKind => throw new ShapeException(new ShapeError(ShapeProblem.Function, s, s, Shape.Unknown)),
        _ => Shape.Scalar,
    };

    /// <summary>The shape of the value a kind holds (a family's member shape for families).</summary>
    public static Shape OfKind(SymbolKind kind) => kind switch
    {
        VectorKind v => Shape.Vector(v.Length),
        MatrixKind m => Shape.Matrix(m.Rows, m.Columns),
        FamilyKind f => OfKind(f.Member),
        _ => Shape.Scalar,
    };

    private Shape OfIndexed(Indexed ix)
    {
        foreach (var index in ix.Indices) RequireScalar(index, ix);
        Shape baseShape;
        if (ix.Base is Symbol { Kind: FamilyKind family })
        {
            return OfKind(family.Member);
        }
        baseShape = ix.Base is Symbol s ? OfSymbol(s) : Of(ix.Base);

        // y^{(i)}, W^{[l]}: a sample or layer index selects one of many values of the same shape.
        if (ix.Placement != IndexPlacement.Subscript) return baseShape;

        if (baseShape.IsScalar || baseShape.IsUnknown) return baseShape;
        var m = (MatrixShape)baseShape;
        var count = ix.Indices.Length;
        if (count == 2) return Shape.Scalar;
        if (count == 1 && (Dim.IsOne(m.Columns) || Dim.IsOne(m.Rows))) return Shape.Scalar;
        throw new ShapeException(new ShapeError(ShapeProblem.Index, ix, ix.Base, baseShape));
    }

    private Shape Combine(IReadOnlyList<Expr> operands, ShapeProblem problem, Expr node)
    {
        Shape result = Shape.Scalar;
        Expr? resultOperand = null;
        foreach (var operand in operands)
        {
            var s = Of(operand);
            if (resultOperand is null)
            {
                result = s;
                resultOperand = operand;
                continue;
            }
            var combined = Broadcast(result, s);
            if (combined is null)
                throw new ShapeException(new ShapeError(problem, node, resultOperand, result, operand, s));
            if (!ReferenceEquals(combined, result))
            {
                result = combined;
                resultOperand = operand;
            }
        }
        return result;
    }

    /// <summary>The shape of an entrywise combination, or null when the shapes do not fit.</summary>
    private static Shape? Broadcast(Shape a, Shape b)
    {
        if (a.IsUnknown) return b.IsScalar ? a : b;
        if (b.IsUnknown) return a;
        if (a.IsScalar) return b;
        if (b.IsScalar) return a;
        var ma = (MatrixShape)a;
        var mb = (MatrixShape)b;
        return Dim.Equal(ma.Rows, mb.Rows) && Dim.Equal(ma.Columns, mb.Columns) ? a : null;
    }

    private Shape OfProduct(Multiply mul)
    {
        Shape current = Shape.Scalar;
        Expr? left = null;
        foreach (var factor in mul.Factors)
        {
            var s = Of(factor);
            if (left is null)
            {
                current = s;
                left = factor;
                continue;
            }
            current = MultiplyShapes(current, s) ?? throw new ShapeException(
                new ShapeError(ShapeProblem.Multiply, mul, LeftPart(mul, factor), current, factor, s));
            left = factor;
        }
        return current;
    }

    /// <summary>Everything in a product before <paramref name="factor"/>, for messages.</summary>
    private static Expr LeftPart(Multiply mul, Expr factor)
    {
        var i = 0;
        while (i < mul.Factors.Length && !ReferenceEquals(mul.Factors[i], factor)) i++;
        if (i <= 1) return mul.Factors[0];
        return new Multiply([.. mul.Factors.Take(i)]);
    }

    public static Shape? MultiplyShapes(Shape a, Shape b)
    {
        if (a.IsUnknown || b.IsUnknown) return a.IsUnknown && b.IsUnknown ? Shape.Unknown : (a.IsUnknown ? (b.ActsAsScalar ? a : Shape.Unknown) : (a.ActsAsScalar ? b : Shape.Unknown));
        if (a.IsScalar) return b;
        if (b.IsScalar) return a;
        var ma = (MatrixShape)a;
        var mb = (MatrixShape)b;
        if (Dim.Equal(ma.Columns, mb.Rows)) return new MatrixShape(ma.Rows, mb.Columns);
        if (ma.IsOneByOne) return b;
        if (mb.IsOneByOne) return a;
        return null;
    }

    private Shape OfDivide(Divide div)
    {
        var n = Of(div.Numerator);
        var d = Of(div.Denominator);
        if (d.ActsAsScalar) return n.IsScalar && d is MatrixShape ? d : n;
        if (d.IsUnknown || n.IsUnknown) return Shape.Unknown;
        return Broadcast(n, d) ?? throw new ShapeException(new ShapeError(ShapeProblem.Divide, div, div.Numerator, n, div.Denominator, d));
    }

    private Shape OfPower(Power pow)
    {
        var b = Of(pow.Base);
        var x = Of(pow.Exponent);
        if (!x.ActsAsScalar && !x.IsUnknown)
            throw new ShapeException(new ShapeError(ShapeProblem.Exponent, pow, pow.Base, b, pow.Exponent, x));
        return b;
    }

    private Shape OfInverse(Inverse inv)
    {
        var s = Of(inv.Operand);
        if (s is MatrixShape { IsSquare: false })
            throw new ShapeException(new ShapeError(ShapeProblem.Inverse, inv, inv.Operand, s));
        return s;
    }

    private Shape OfDiag(Diag d)
    {
        var s = Of(d.Operand);
        return s switch
        {
            MatrixShape { IsOneByOne: true } => s,
            MatrixShape { IsColumn: true } m => new MatrixShape(m.Rows, m.Rows),
            MatrixShape { IsRow: true } m => new MatrixShape(m.Columns, m.Columns),
            MatrixShape { IsSquare: true } m => Shape.Vector(m.Rows),
            MatrixShape => throw new ShapeException(new ShapeError(ShapeProblem.Trace, d, d.Operand, s)),
            _ => s,
        };
    }

    private Shape OfApply(Apply ap)
    {
        var shapes = ap.Arguments.Select(Of).ToArray();
        // An unknown function of a vector, L(θ), is a scalar; its derivative L'(θ) (∇L at θ) has the shape of θ,
        // and its second derivative (the Hessian) is square.
        if (!ap.Function.IsBuiltIn)
            return (ap.Function.DerivativeOrder, shapes) switch
            {
                (1, [MatrixShape { IsOneByOne: false } m]) => m,
                (2, [MatrixShape { IsColumn: true } v]) => new MatrixShape(v.Rows, v.Rows),
                _ => Shape.Scalar,
            };
        if (ap.Function.IsVariadic)
        {
            if (shapes.Length == 1) return shapes[0].IsScalar ? Shape.Scalar : (shapes[0].IsUnknown ? Shape.Unknown : Shape.Scalar);
            return Combine(ap.Arguments, ShapeProblem.Elementwise, ap);
        }
        return shapes[0];
    }

    private Shape OfBigOperator(BigOperator big)
    {
        if (big.Lower is not null && big.Kind != BigOperatorKind.Limit) RequireScalar(big.Lower, big);
        if (big.Upper is not null) RequireScalar(big.Upper, big);
        var body = Of(big.Body);
        return big.Kind switch
        {
            BigOperatorKind.ArgMax or BigOperatorKind.ArgMin => Shape.Scalar,
            BigOperatorKind.Product when body is MatrixShape { IsSquare: false, IsOneByOne: false } =>
                throw new ShapeException(new ShapeError(ShapeProblem.MatrixPower, big, big.Body, body)),
            _ => body,
        };
    }

    private Shape OfDerivative(Derivative der)
    {
        var f = Of(der.Body);
        var result = f;
        foreach (var variable in der.Variables)
        {
            var x = Of(variable);
            result = (result, x) switch
            {
                (ScalarShape, _) => x,
                (_, ScalarShape) => result,
                (MatrixShape { IsColumn: true } fm, MatrixShape { IsColumn: true } xm) => new MatrixShape(fm.Rows, xm.Rows),
                (MatrixShape { IsOneByOne: true }, _) => x,
                _ => Shape.Unknown,
            };
        }
        return result;
    }

    private Shape OfRelation(Relation rel)
    {
        Shape? previous = null;
        Expr? previousOperand = null;
        for (var i = 0; i < rel.Operands.Length; i++)
        {
            var operand = rel.Operands[i];
            var s = Of(operand);
            if (previous is not null && i > 0 && rel.Operators[i - 1] is RelationKind.Equal or RelationKind.Approx or RelationKind.Define or RelationKind.Assign)
            {
                var bothMatrices = previous is MatrixShape && s is MatrixShape;
                if (bothMatrices && Broadcast(previous, s) is null)
                    throw new ShapeException(new ShapeError(ShapeProblem.RelationSides, rel, previousOperand, previous, operand, s));
            }
            previous = s;
            previousOperand = operand;
        }
        return Shape.Scalar;
    }

    private void RequireScalar(Expr e, Expr node)
    {
        var s = Of(e);
        if (!s.ActsAsScalar && !s.IsUnknown)
            throw new ShapeException(new ShapeError(ShapeProblem.Exponent, node, null, null, e, s));
    }
}

/// <summary>Carries a <see cref="ShapeError"/> out of a deep inference; never escapes the engine.</summary>
public sealed class ShapeException(ShapeError error) : Exception(error.Describe())
{
    public ShapeError Error { get; } = error;
}
