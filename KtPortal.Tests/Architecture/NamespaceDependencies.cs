using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace KtPortal.Tests.Architecture;

/// <summary>
/// Which feature namespace uses which, read from the compiled assembly: type signatures (base types, fields,
/// properties, parameters) and every type, method and field that method bodies touch (the IL, walked opcode by
/// opcode). Features are the namespace segment after the assembly's root ("KtPortal.Domain.Billing.X" → "Billing").
/// </summary>
public static class NamespaceDependencies
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Edges "from → to" between features of <paramref name="assembly"/>, each with one example of why.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Edges(Assembly assembly, string root)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var edges = new Dictionary<(string, string), string>();

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var from = Feature(FullNamespace(md, handle), root);
            if (from is null)
            {
                continue;
            }

            var typeName = md.GetString(type.Name);
            void Add(string? target, string why)
            {
                var to = Feature(target, root);
                if (to is not null && to != from)
                {
                    edges.TryAdd((from, to), $"{typeName}: {why}");
                }
            }

            if (!type.BaseType.IsNil)
            {
                foreach (var ns in Namespaces(md, type.BaseType))
                {
                    Add(ns, "base type");
                }
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = md.GetFieldDefinition(fieldHandle);
                foreach (var ns in SignatureNamespaces(md, field.Signature))
                {
                    Add(ns, $"field {md.GetString(field.Name)}");
                }
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var name = md.GetString(method.Name);
                foreach (var ns in SignatureNamespaces(md, method.Signature))
                {
                    Add(ns, $"signature of {name}");
                }

                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                IReadOnlyList<int> tokens;
                try
                {
                    tokens = [.. Tokens(body.GetILReader())];
                }
                catch (InvalidOperationException ex)
                {
                    throw new InvalidOperationException($"{typeName}.{name}: {ex.Message}", ex);
                }

                foreach (var token in tokens)
                {
                    foreach (var ns in Namespaces(md, MetadataTokens.EntityHandle(token)))
                    {
                        Add(ns, $"{name} uses it");
                    }
                }
            }
        }

        return edges;
    }

    /// <summary>Every strongly connected group of two or more features: each is a cycle to break.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var graph = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct().ToList();
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!indices.TryGetValue(w, out var index))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index);
                }
            }

            if (low[v] == indices[v])
            {
                var group = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    group.Add(w);
                }
                while (w != v);
                if (group.Count > 1)
                {
                    result.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in nodes.Where(n => !indices.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }

    private static string? Feature(string? ns, string root)
    {
        if (ns is null || !ns.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The metadata tokens (types, methods, fields) a method body's IL names, walked opcode by opcode.</summary>
    internal static IEnumerable<int> Tokens(BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            if (!OperandTypes.TryGetValue(value, out var operand))
            {
                throw new InvalidOperationException($"Unknown opcode 0x{value:X} at IL offset {il.Offset - 1}.");
            }

            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return il.ReadInt32();
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private static IEnumerable<string> Namespaces(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                yield return FullNamespace(md, (TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeReference:
                yield return md.GetString(md.GetTypeReference((TypeReferenceHandle)handle).Namespace);
                break;
            case HandleKind.TypeSpecification:
                foreach (var ns in TypeSpecNamespaces(md, (TypeSpecificationHandle)handle))
                {
                    yield return ns;
                }

                break;
            case HandleKind.FieldDefinition:
                yield return FullNamespace(md, md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MethodDefinition:
                var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                yield return FullNamespace(md, method.GetDeclaringType());
                foreach (var ns in SignatureNamespaces(md, method.Signature))
                {
                    yield return ns;
                }

                break;
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                foreach (var ns in Namespaces(md, member.Parent))
                {
                    yield return ns;
                }

                foreach (var ns in SignatureNamespaces(md, member.Signature))
                {
                    yield return ns;
                }

                break;
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                foreach (var ns in Namespaces(md, spec.Method).Concat(SignatureNamespaces(md, spec.Signature)))
                {
                    yield return ns;
                }

                break;
        }
    }

    /// <summary>The namespaces of the types a signature names, decoded by the runtime's own signature decoder.</summary>
    private static IEnumerable<string> SignatureNamespaces(MetadataReader md, BlobHandle signature)
    {
        var provider = new NamespaceProvider(md);
        var reader = md.GetBlobReader(signature);
        var header = reader.ReadSignatureHeader();
        reader.Reset();
        var decoder = new SignatureDecoder<ImmutableArray<string>, object?>(provider, md, null);
        return header.Kind switch
        {
            SignatureKind.Field => decoder.DecodeFieldSignature(ref reader),
            SignatureKind.Method or SignatureKind.Property => Flatten(decoder.DecodeMethodSignature(ref reader)),
            SignatureKind.MethodSpecification => decoder.DecodeMethodSpecificationSignature(ref reader).SelectMany(t => t),
            SignatureKind.LocalVariables => decoder.DecodeLocalSignature(ref reader).SelectMany(t => t),
            _ => decoder.DecodeType(ref reader),
        };
    }

    /// <summary>A type specification's blob is a bare type (no signature header).</summary>
    private static IEnumerable<string> TypeSpecNamespaces(MetadataReader md, TypeSpecificationHandle handle)
    {
        var reader = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
        return new SignatureDecoder<ImmutableArray<string>, object?>(new NamespaceProvider(md), md, null).DecodeType(ref reader);
    }

    private static IEnumerable<string> Flatten(MethodSignature<ImmutableArray<string>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

    /// <summary>Decodes a signature into the namespaces of every type it mentions.</summary>
    private sealed class NamespaceProvider(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<string>, object?>
    {
        public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) => [.. Flatten(signature)];

        public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];

        public ImmutableArray<string> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<string> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) => unmodifiedType;

        public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [FullNamespace(md, handle)];

        public ImmutableArray<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            [md.GetString(md.GetTypeReference(handle).Namespace)];

        public ImmutableArray<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            [.. TypeSpecNamespaces(md, handle)];
    }

    private static string FullNamespace(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        return type.IsNested ? FullNamespace(md, type.GetDeclaringType()) : md.GetString(type.Namespace);
    }
}
