using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// A scalar expression compiled once into a postfix program over numbered symbol slots, so that
/// evaluating it at each sample point is a tight loop instead of a tree walk with lookups by name.
/// Only expressions made of scalar symbols, numbers and scalar operations compile; anything else
/// (vectors, sums over an index, indexed names) goes through <see cref="Evaluator{T}"/>.
/// </summary>
public sealed class ScalarProgram<T> where T : unmanaged, IScalar<T>
{
    private enum Op : byte
    {
        Constant,
        Slot,
        Add,
        Multiply,
        Negate,
        Divide,
        PowInteger,
        PowRational,
        PowReal,
        Exp,
        Function,
        Variadic,
        Opaque,
    }

    private readonly record struct Instruction(Op Op, int Argument, int Count = 0, long Integer = 0);

    private readonly Instruction[] _code;
    private readonly T[] _constants;
    private readonly BigRational[] _rationals;
    private readonly (FunctionId Id, int Order, string Name)[] _functions;
    private readonly int _maxStack;

    /// <summary>The symbols whose values fill the slots, in slot order (shared by every program compiled with one <see cref="SlotMap"/>).</summary>
    public SlotMap Slots { get; }

    private ScalarProgram(Instruction[] code, T[] constants, BigRational[] rationals, (FunctionId, int, string)[] functions, int maxStack, SlotMap slots)
    {
        _code = code;
        _constants = constants;
        _rationals = rationals;
        _functions = functions;
        _maxStack = maxStack;
        Slots = slots;
    }

    /// <summary>Compiles <paramref name="e"/>, or returns null when it is not a plain scalar expression this system can evaluate.</summary>
    public static ScalarProgram<T>? TryCompile(Expr e, SlotMap slots)
    {
        var compiler = new Compiler(slots);
        try
        {
            if (!compiler.Emit(e)) return null;
        }
        catch (UnsupportedOperationException)
        {
            return null;
        }
        return new ScalarProgram<T>([.. compiler.Code], [.. compiler.Constants], [.. compiler.Rationals], [.. compiler.Functions], compiler.MaxStack, slots);
    }

    public T Run(ReadOnlySpan<T> slotValues)
    {
        Span<T> stack = _maxStack <= 64 ? stackalloc T[64] : new T[_maxStack];
        var sp = 0;
        foreach (var ins in _code)
        {
            switch (ins.Op)
            {
                case Op.Constant:
                    stack[sp++] = _constants[ins.Argument];
                    break;
                case Op.Slot:
                    stack[sp++] = slotValues[ins.Argument];
                    break;
                case Op.Add:
                    {
                        var acc = stack[sp - ins.Count];
                        for (var k = sp - ins.Count + 1; k < sp; k++) acc = T.Add(acc, stack[k]);
                        sp -= ins.Count;
                        stack[sp++] = acc;
                        break;
                    }
                case Op.Multiply:
                    {
                        var acc = stack[sp - ins.Count];
                        for (var k = sp - ins.Count + 1; k < sp; k++) acc = T.Multiply(acc, stack[k]);
                        sp -= ins.Count;
                        stack[sp++] = acc;
                        break;
                    }
                case Op.Negate:
                    stack[sp - 1] = T.Negate(stack[sp - 1]);
                    break;
                case Op.Divide:
                    stack[sp - 2] = T.Divide(stack[sp - 2], stack[sp - 1]);
                    sp--;
                    break;
                case Op.PowInteger:
                    stack[sp - 1] = T.PowInteger(stack[sp - 1], ins.Integer);
                    break;
                case Op.PowRational:
                    stack[sp - 1] = T.PowRational(stack[sp - 1], _rationals[ins.Argument]);
                    break;
                case Op.PowReal:
                    stack[sp - 2] = T.PowReal(stack[sp - 2], stack[sp - 1]);
                    sp--;
                    break;
                case Op.Exp:
                    stack[sp - 1] = T.ApplyFunction(FunctionId.Exp, 0, stack[sp - 1]);
                    break;
                case Op.Function:
                    {
                        var (id, order, _) = _functions[ins.Argument];
                        stack[sp - 1] = T.ApplyFunction(id, order, stack[sp - 1]);
                        break;
                    }
                case Op.Variadic:
                    {
                        var (id, _, _) = _functions[ins.Argument];
                        var acc = stack[sp - ins.Count];
                        for (var k = sp - ins.Count + 1; k < sp; k++)
                        {
                            var x = stack[k];
                            if (acc.IsInvalid || x.IsInvalid) { acc = T.Invalid; continue; }
                            var c = T.CompareTo(acc, x);
                            acc = id == FunctionId.Max ? (c >= 0 ? acc : x) : (c <= 0 ? acc : x);
                        }
                        sp -= ins.Count;
                        stack[sp++] = acc;
                        break;
                    }
                case Op.Opaque:
                    {
                        var (_, order, name) = _functions[ins.Argument];
                        var args = stack.Slice(sp - ins.Count, ins.Count);
                        var value = T.ApplyOpaque(name, order, args);
                        sp -= ins.Count;
                        stack[sp++] = value;
                        break;
                    }
            }
        }
        return stack[0];
    }

    private sealed class Compiler(SlotMap slots)
    {
        public readonly List<Instruction> Code = [];
        public readonly List<T> Constants = [];
        public readonly List<BigRational> Rationals = [];
        public readonly List<(FunctionId, int, string)> Functions = [];
        public int MaxStack;
        private int _depth;

        private void Push(Instruction ins, int pops, int pushes = 1)
        {
            Code.Add(ins);
            _depth += pushes - pops;
            MaxStack = Math.Max(MaxStack, _depth);
        }

        public bool Emit(Expr e)
        {
            switch (e)
            {
                case Number n:
                    Constants.Add(T.FromNumber(n));
                    Push(new Instruction(Op.Constant, Constants.Count - 1), 0);
                    return true;
                case Constant { Kind: ConstantKind.E or ConstantKind.Pi } c:
                    Constants.Add(T.Constant(c.Kind));
                    Push(new Instruction(Op.Constant, Constants.Count - 1), 0);
                    return true;
                case Symbol { Kind: ScalarKind } s:
                    Push(new Instruction(Op.Slot, slots.SlotOf(s)), 0);
                    return true;
                case Add add:
                    foreach (var t in add.Terms)
                    {
                        if (!Emit(t)) return false;
                    }
                    Push(new Instruction(Op.Add, 0, add.Terms.Length), add.Terms.Length);
                    return true;
                case Multiply mul:
                    foreach (var f in mul.Factors)
                    {
                        if (!Emit(f)) return false;
                    }
                    Push(new Instruction(Op.Multiply, 0, mul.Factors.Length), mul.Factors.Length);
                    return true;
                case Negate neg:
                    if (!Emit(neg.Operand)) return false;
                    Push(new Instruction(Op.Negate, 0), 1);
                    return true;
                case Divide div:
                    if (!Emit(div.Numerator) || !Emit(div.Denominator)) return false;
                    Push(new Instruction(Op.Divide, 0), 2);
                    return true;
                case Power { Base: Constant { Kind: ConstantKind.E } } ep:
                    if (!Emit(ep.Exponent)) return false;
                    Push(new Instruction(Op.Exp, 0), 1);
                    return true;
                case Power pow:
                    if (!Emit(pow.Base)) return false;
                    if (pow.Exponent is Number { Value: var q })
                    {
                        if (q.TryGetInt64(out var k)) Push(new Instruction(Op.PowInteger, 0, 0, k), 1);
                        else
                        {
                            Rationals.Add(q);
                            Push(new Instruction(Op.PowRational, Rationals.Count - 1), 1);
                        }
                        return true;
                    }
                    // Symbolic exponents must be real-valued here; integer-kind exponents (β^{n}) need the general evaluator.
                    if (pow.Exponent.Any(x => x is Symbol { Kind.IsIntegerValued: true })) return false;
                    if (!Emit(pow.Exponent)) return false;
                    Push(new Instruction(Op.PowReal, 0), 2);
                    return true;
                case Root { Index: Number { Value: { IsInteger: true, IsZero: false } index } } root:
                    if (!Emit(root.Radicand)) return false;
                    Rationals.Add(BigRational.One / index);
                    Push(new Instruction(Op.PowRational, Rationals.Count - 1), 1);
                    return true;
                case Apply ap:
                    {
                        foreach (var a in ap.Arguments)
                        {
                            if (!Emit(a)) return false;
                        }
                        var f = ap.Function;
                        Functions.Add((f.Id, f.DerivativeOrder, f.Name));
                        var op = f.Id == FunctionId.Opaque ? Op.Opaque : f.IsVariadic ? Op.Variadic : Op.Function;
                        if (op == Op.Function && ap.Arguments.Length != 1) return false;
                        if (op == Op.Variadic && ap.Arguments.Length < 2) return false;
                        Push(new Instruction(op, Functions.Count - 1, ap.Arguments.Length), ap.Arguments.Length);
                        return true;
                    }
                default:
                    return false;
            }
        }
    }
}

/// <summary>Numbers the scalar symbols of the expressions being compared, so both sides share their slots.</summary>
public sealed class SlotMap
{
    private readonly Dictionary<Symbol, int> _slots = [];
    private readonly List<Symbol> _symbols = [];

    public IReadOnlyList<Symbol> Symbols => _symbols;

    public int SlotOf(Symbol s)
    {
        if (!_slots.TryGetValue(s, out var slot))
        {
            slot = _symbols.Count;
            _slots[s] = slot;
            _symbols.Add(s);
        }
        return slot;
    }
}
