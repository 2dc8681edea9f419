using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using LearningBot.Testing;

namespace LearningBot.Tests;

/// <summary>
/// Every public type of the shipped assemblies (the projects under src/) says what it is for in a <c>&lt;summary&gt;</c>.
/// CS1591 is off for members, so this reads the XML documentation files the build writes next to each assembly.
/// </summary>
public sealed class PublicTypesAreDocumentedTests
{
    public static TheoryData<string> SourceAssemblies()
    {
        var names = new TheoryData<string>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(project));
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(SourceAssemblies))]
    public void Every_public_type_has_a_summary(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"{assemblyName}: no XML documentation at {xmlPath}; src projects build with GenerateDocumentationFile.");

        var summaries = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Element("summary") is { } summary && !string.IsNullOrWhiteSpace(summary.Value))
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        var undocumented = assembly.GetExportedTypes()
            .Where(t => !IsGenerated(t) && !summaries.Contains(DocumentationId(t)))
            .Select(t => t.FullName!.Replace('+', '.'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(undocumented.Count == 0,
            $"{assemblyName}: public types without a <summary> (say in a line what each is for):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", undocumented));
    }

    /// <summary>"T:Namespace.Outer.Inner`1", as the compiler names types in the XML file.</summary>
    private static string DocumentationId(Type type) => "T:" + type.FullName!.Replace('+', '.');

    /// <summary>Code written by tools (EF migrations, the host's generated Program) is not ours to document.</summary>
    private static bool IsGenerated(Type type) =>
        type.Namespace?.EndsWith(".Migrations", StringComparison.Ordinal) == true
        || type.IsDefined(typeof(GeneratedCodeAttribute), inherit: false)
        || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
}
