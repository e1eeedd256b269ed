using System.Reflection;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Architecture;

/// <summary>
/// Components, jobs and endpoints go through domain services; only the domain opens a DbContext.
/// Scans every type of the web assembly (compiler-generated closures of endpoint lambdas included)
/// for constructor parameters, method parameters, fields and properties that are a DbContext or its factory.
/// </summary>
public sealed class NoDbContextOutsideDomainTests
{
    // The composition root may name the types to register them; nothing else in the web project may.
    private static readonly HashSet<string> AllowedTypes = ["KtPortal.Web.PortalComposition"];

    [Fact]
    public void ShouldFindNoDbContextDependency_InAnyWebComponentJobOrEndpoint()
    {
        var webAssembly = typeof(KtPortal.Web.Security.CurrentActor).Assembly;

        var offenders = FindDbContextDependencies(webAssembly.GetTypes().Where(t => !AllowedTypes.Contains(t.FullName ?? "")));

        offenders.Should().BeEmpty("components, jobs and endpoints must use domain services, not the DbContext");
    }

    [Fact]
    public void ShouldFlagEveryKindOfDependency_WhenATypeTakesTheDbContext()
    {
        var offenders = FindDbContextDependencies(
            [typeof(BadComponent), typeof(BadEndpointHost), typeof(BadJob), typeof(GoodComponent)]);

        offenders.Should().Contain(o => o.Contains(nameof(BadComponent), StringComparison.Ordinal) && o.Contains("property", StringComparison.Ordinal));
        offenders.Should().Contain(o => o.Contains(nameof(BadEndpointHost), StringComparison.Ordinal) && o.Contains("parameter", StringComparison.Ordinal));
        offenders.Should().Contain(o => o.Contains(nameof(BadJob), StringComparison.Ordinal) && o.Contains("constructor", StringComparison.Ordinal));
        offenders.Should().NotContain(o => o.Contains(nameof(GoodComponent), StringComparison.Ordinal));
    }

    internal static List<string> FindDbContextDependencies(IEnumerable<Type> types)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var offenders = new List<string>();
        foreach (var type in types)
        {
            offenders.AddRange(type.GetConstructors(all)
                .SelectMany(c => c.GetParameters())
                .Where(p => IsDbAccess(p.ParameterType))
                .Select(p => $"{type.FullName}: constructor parameter {p.Name}"));
            offenders.AddRange(type.GetMethods(all)
                .SelectMany(m => m.GetParameters().Select(p => (m, p)))
                .Where(x => IsDbAccess(x.p.ParameterType))
                .Select(x => $"{type.FullName}.{x.m.Name}: parameter {x.p.Name}"));
            offenders.AddRange(type.GetFields(all)
                .Where(f => IsDbAccess(f.FieldType) && !f.Name.Contains("BackingField", StringComparison.Ordinal))
                .Select(f => $"{type.FullName}: field {f.Name}"));
            offenders.AddRange(type.GetProperties(all)
                .Where(p => IsDbAccess(p.PropertyType))
                .Select(p => $"{type.FullName}: property {p.Name}"));
        }

        return offenders;
    }

    private static bool IsDbAccess(Type type) =>
        typeof(DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDbContextFactory<>));

    private sealed class BadComponent
    {
        [Microsoft.AspNetCore.Components.Inject]
        public KtPortalDbContext Db { get; set; } = null!;
    }

    private static class BadEndpointHost
    {
        public static int Handler(IDbContextFactory<KtPortalDbContext> factory) => factory.GetHashCode();
    }

    private sealed class BadJob(KtPortalDbContext db)
    {
        public override string ToString() => db.ToString() ?? string.Empty;
    }

    private sealed class GoodComponent
    {
        public KtPortal.Domain.Clients.ClientQueries? Queries { get; set; }
    }
}
