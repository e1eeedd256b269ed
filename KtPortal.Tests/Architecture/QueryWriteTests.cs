using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Architecture;

/// <summary>
/// Queries read; only services write (rule: "&lt;Feature&gt;Queries (reads)"). Every method of every *Queries type is
/// followed through the compiled IL, into the helpers it calls, the lambdas it builds and the async state machines it
/// starts; none may reach SaveChanges, Add/Remove/Update/Attach on a DbSet or DbContext, or ExecuteUpdate/Delete.
/// </summary>
public sealed class QueryWriteTests
{
    [Fact]
    public void ShouldNeverWrite_FromAnyQueriesType()
    {
        var offenders = Writers(typeof(KtPortal.Domain.Common.Money).Assembly, IsQueriesType);

        offenders.Should().BeEmpty("a read that writes turns every page view into a write (and a race)");
    }

    [Fact]
    public void ShouldFindAWriteThroughAHelperAndAnAsyncStateMachine_AndNotFlagAPureRead()
    {
        var offenders = Writers(typeof(QueryWriteTests).Assembly, name => name.EndsWith("ControlQueries", StringComparison.Ordinal));

        offenders.Should().Contain(o => o.StartsWith(nameof(WritingControlQueries), StringComparison.Ordinal));
        offenders.Should().NotContain(o => o.StartsWith(nameof(ReadingControlQueries), StringComparison.Ordinal));
    }

    private static bool IsQueriesType(string name) => name.EndsWith("Queries", StringComparison.Ordinal);


    private static readonly Dictionary<string, string[]> Sinks = new(StringComparer.Ordinal)
    {
        ["DbContext"] = ["SaveChanges", "SaveChangesAsync", "Add", "AddAsync", "AddRange", "AddRangeAsync", "Remove", "RemoveRange", "Update", "UpdateRange", "Attach", "AttachRange"],
        ["DbSet`1"] = ["Add", "AddAsync", "AddRange", "AddRangeAsync", "Remove", "RemoveRange", "Update", "UpdateRange", "Attach", "AttachRange"],
        ["EntityFrameworkQueryableExtensions"] = ["ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync"],
        ["RelationalQueryableExtensions"] = ["ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync"],
    };

    /// <summary>"Type.Method -> … -> sink" for each root method (of a type matching <paramref name="isRoot"/>) that can write.</summary>
    private static List<string> Writers(Assembly assembly, Func<string, bool> isRoot)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var calls = new Dictionary<MethodDefinitionHandle, List<MethodDefinitionHandle>>();
        var sinks = new Dictionary<MethodDefinitionHandle, string>();

        foreach (var typeHandle in md.TypeDefinitions)
        {
            foreach (var methodHandle in md.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var targets = new List<MethodDefinitionHandle>();
                calls[methodHandle] = targets;
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                foreach (var token in NamespaceDependencies.Tokens(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                {
                    var handle = MetadataTokens.EntityHandle(token);
                    if (SinkName(md, handle) is { } sink)
                    {
                        sinks.TryAdd(methodHandle, sink);
                    }

                    targets.AddRange(Reached(md, handle));
                }
            }
        }

        var offenders = new List<string>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            if (type.IsNested || !isRoot(md.GetString(type.Name)))
            {
                continue;
            }

            foreach (var root in type.GetMethods().Concat(NestedMethods(md, typeHandle)))
            {
                if (PathToSink(root, calls, sinks) is { } path)
                {
                    offenders.Add($"{md.GetString(type.Name)}.{md.GetString(md.GetMethodDefinition(root).Name)}: " +
                        string.Join(" -> ", path.Select(m => Describe(md, m))) + $" -> {sinks[path[^1]]}");
                }
            }
        }

        return offenders;
    }

    private static List<MethodDefinitionHandle>? PathToSink(
        MethodDefinitionHandle root, Dictionary<MethodDefinitionHandle, List<MethodDefinitionHandle>> calls, Dictionary<MethodDefinitionHandle, string> sinks)
    {
        var previous = new Dictionary<MethodDefinitionHandle, MethodDefinitionHandle?> { [root] = null };
        var queue = new Queue<MethodDefinitionHandle>([root]);
        while (queue.Count > 0)
        {
            var method = queue.Dequeue();
            if (sinks.ContainsKey(method))
            {
                var path = new List<MethodDefinitionHandle>();
                for (MethodDefinitionHandle? m = method; m is { } step; m = previous[step])
                {
                    path.Insert(0, step);
                }

                return path;
            }

            foreach (var next in calls.GetValueOrDefault(method) ?? [])
            {
                if (previous.TryAdd(next, method))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The methods a token can start running: a called method, and every method of a compiler-generated type it
    /// touches (an async method's state machine is started through its fields and a generic Start&lt;T&gt;).
    /// </summary>
    private static IEnumerable<MethodDefinitionHandle> Reached(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var method = (MethodDefinitionHandle)handle;
                yield return method;
                foreach (var m in GeneratedTypeMethods(md, md.GetMethodDefinition(method).GetDeclaringType()))
                {
                    yield return m;
                }

                break;
            case HandleKind.FieldDefinition:
                foreach (var m in GeneratedTypeMethods(md, md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()))
                {
                    yield return m;
                }

                break;
            case HandleKind.TypeDefinition:
                foreach (var m in GeneratedTypeMethods(md, (TypeDefinitionHandle)handle))
                {
                    yield return m;
                }

                break;
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                foreach (var m in Reached(md, spec.Method))
                {
                    yield return m;
                }

                foreach (var type in TypeDefinitionsIn(md, spec.Signature, methodSpecification: true))
                {
                    foreach (var m in GeneratedTypeMethods(md, type))
                    {
                        yield return m;
                    }
                }

                break;
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                if (member.Parent.Kind == HandleKind.TypeSpecification)
                {
                    foreach (var type in TypeDefinitionsIn(md, md.GetTypeSpecification((TypeSpecificationHandle)member.Parent).Signature, methodSpecification: false))
                    {
                        foreach (var m in GeneratedTypeMethods(md, type))
                        {
                            yield return m;
                        }
                    }
                }

                break;
        }
    }

    private static IEnumerable<MethodDefinitionHandle> GeneratedTypeMethods(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        return md.GetString(type.Name).StartsWith('<') ? [.. type.GetMethods()] : Array.Empty<MethodDefinitionHandle>();
    }

    private static IEnumerable<MethodDefinitionHandle> NestedMethods(MetadataReader md, TypeDefinitionHandle handle) =>
        md.GetTypeDefinition(handle).GetNestedTypes().SelectMany(n => md.GetTypeDefinition(n).GetMethods().Concat(NestedMethods(md, n)));

    /// <summary>The type definitions of this assembly a signature blob names (state machines in Start&lt;T&gt;).</summary>
    private static IEnumerable<TypeDefinitionHandle> TypeDefinitionsIn(MetadataReader md, BlobHandle blob, bool methodSpecification)
    {
        var reader = md.GetBlobReader(blob);
        var found = new List<TypeDefinitionHandle>();
        var decoder = new SignatureDecoder<int, object?>(new TypeDefinitionCollector(found), md, null);
        if (methodSpecification)
        {
            _ = decoder.DecodeMethodSpecificationSignature(ref reader);
        }
        else
        {
            _ = decoder.DecodeType(ref reader);
        }

        return found;
    }

    private static string? SinkName(MetadataReader md, EntityHandle handle)
    {
        if (handle.Kind == HandleKind.MethodSpecification)
        {
            return SinkName(md, md.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
        }

        if (handle.Kind != HandleKind.MemberReference)
        {
            return null;
        }

        var member = md.GetMemberReference((MemberReferenceHandle)handle);
        var name = md.GetString(member.Name);
        var parent = member.Parent.Kind switch
        {
            HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)member.Parent).Name),
            HandleKind.TypeSpecification => GenericTypeName(md, (TypeSpecificationHandle)member.Parent),
            _ => null,
        };
        return parent is not null && Sinks.TryGetValue(parent, out var names) && names.Contains(name) ? $"{parent}.{name}" : null;
    }

    private static string? GenericTypeName(MetadataReader md, TypeSpecificationHandle handle)
    {
        var reader = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
        if (reader.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        _ = reader.ReadSignatureTypeCode();
        var generic = reader.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? md.GetString(md.GetTypeReference((TypeReferenceHandle)generic).Name) : null;
    }

    private static string Describe(MetadataReader md, MethodDefinitionHandle handle)
    {
        var method = md.GetMethodDefinition(handle);
        var type = md.GetTypeDefinition(method.GetDeclaringType());
        return $"{md.GetString(type.Name)}.{md.GetString(method.Name)}";
    }

    private sealed class TypeDefinitionCollector(List<TypeDefinitionHandle> found) : ISignatureTypeProvider<int, object?>
    {
        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericMethodParameter(object? genericContext, int index) => 0;

        public int GetGenericTypeParameter(object? genericContext, int index) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            found.Add(handle);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;

        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
    }
}

/// <summary>Positive control: writes through a helper inside an async method; the test must find it.</summary>
internal sealed class WritingControlQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public async Task<int> CountAsync()
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        await TouchAsync(db);
        return await db.Clients.CountAsync();
    }

    private static Task TouchAsync(KtPortalDbContext db) => db.SaveChangesAsync();
}

/// <summary>Negative control: only reads.</summary>
internal sealed class ReadingControlQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public async Task<int> CountAsync()
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        return await db.Clients.AsNoTracking().CountAsync();
    }
}
