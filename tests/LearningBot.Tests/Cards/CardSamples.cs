using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LearningBot.Tests.Cards;

/// <summary>How big the made-up values are: a few words and two of everything, or the most the bot stores.</summary>
public enum SampleSize
{
    Short,
    Long,
}

/// <summary>One call of a card factory: a readable name and the arguments.</summary>
public sealed record CardCase(string Name, MethodInfo Factory, object?[] Arguments);

/// <summary>
/// Arguments for any card factory, made by reflection from its parameter types, so a new card is linted without
/// anyone writing its samples. Long values are as long as the database lets them be (the EF model's max lengths,
/// also for same-named properties of views and parameters), else <see cref="LongText"/> characters, with the
/// characters that grow when escaped (&amp;, &lt;, quotes, emoji); lists have <see cref="LongList"/> items.
/// Strings a card parses (time zones, JSON arrays, dates) get well-formed values. Types reflection cannot make
/// (interfaces) come from <paramref name="real"/>, which also adds real values (the library's lessons) as cases.
/// </summary>
public sealed class CardSamples(IModel model, IReadOnlyDictionary<Type, IReadOnlyList<object>> real)
{
    public const int LongText = 2000;
    public const int LongList = 12;
    private const int ShortList = 2;
    private const int MaxDepth = 4;

    private const string Prose =
        "Ask early & often: what did you <learn> this week? **Share it** with the team — “small steps” add up 🎓. " +
        "_Write it down_ and [link it](https://learning.example.com/notes/weekly).\n- one idea a day\n- one question a week\n";

    private readonly NullabilityInfoContext _nullability = new();

    /// <summary>Strings that cards (or the renderers) read as data, by property or parameter name.</summary>
    private static string? WellFormed(string name, SampleSize size) => name.ToUpperInvariant() switch
    {
        "TIMEZONE" or "ZONE" => "Europe/Berlin",
        "CADENCE" => "weekly",
        "DUE" => "2026-11-20",
        "ANSWERS" => "{}",
        "CHOICES" => JsonSerializer.Serialize(Enumerable.Range(1, size == SampleSize.Long ? LongList : 4).Select(i => Text(size == SampleSize.Long ? 200 : 12, i))),
        _ => null,
    };

    /// <summary>The cases of one factory: each size with every argument made, then each bool, enum, null or real value varied one at a time.</summary>
    public IEnumerable<CardCase> CasesFor(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parameters = method.GetParameters();
        foreach (var size in Enum.GetValues<SampleSize>())
        {
            var run = new Run(size, Constants(method));
            var arguments = parameters.Select(p =>
            {
                run.TupleNames = TupleNames(p);
                return Make(run, p.ParameterType, p.Name ?? "value", null, 0);
            }).ToArray();
            var label = size.ToString().ToLowerInvariant();
            yield return new CardCase($"{method.DeclaringType!.Name}.{method.Name}({label})", method, arguments);
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                var type = parameter.ParameterType;
                var variants = new List<(string Label, object? Value)>();
                if (type == typeof(bool))
                {
                    var flipped = !(bool)arguments[i]!;
                    variants.Add(($"{parameter.Name}: {(flipped ? "true" : "false")}", flipped));
                }
                else if (type.IsEnum)
                {
                    variants.AddRange(Enum.GetValues(type).Cast<object>().Where(v => !v.Equals(arguments[i])).Select(v => ($"{parameter.Name}: {v}", (object?)v)));
                }
                if (arguments[i] is not null && (Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && _nullability.Create(parameter).WriteState == NullabilityState.Nullable)))
                {
                    variants.Add(($"{parameter.Name}: null", null));
                }
                if (size == SampleSize.Short && real.TryGetValue(type, out var values) && !type.IsInterface)
                {
                    variants.AddRange(values.Select(v => ($"{parameter.Name}: {Describe(v)}", (object?)v)));
                }
                foreach (var (variant, value) in variants)
                {
                    var changed = (object?[])arguments.Clone();
                    changed[i] = value;
                    yield return new CardCase($"{method.DeclaringType!.Name}.{method.Name}({label}, {variant})", method, changed);
                }
            }
        }
    }

    private static string Describe(object value) =>
        value.GetType().GetProperty("Id")?.GetValue(value)?.ToString() ?? value.GetType().Name;

    /// <summary>The string constants of the factory's class and its parameters' types: input ids and data keys that dictionaries are keyed by.</summary>
    private static List<string> Constants(MethodInfo method) =>
        [.. new[] { method.DeclaringType! }.Concat(method.GetParameters().Select(p => p.ParameterType))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct(StringComparer.Ordinal)];

    private object? Make(Run run, Type type, string name, Type? owner, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return depth > 0 && run.Size == SampleSize.Short ? null : Make(run, underlying, name, owner, depth);
        }
        if (type == typeof(string))
        {
            return MakeString(run, name, owner);
        }
        if (Scalar(run, type) is { } scalar)
        {
            return scalar;
        }
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(run.Next() % values.Length);
        }
        if (real.TryGetValue(type, out var known) && (type.IsInterface || type.IsAbstract))
        {
            return known[0];
        }
        if (depth > MaxDepth)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }
        if (type.IsArray)
        {
            var items = MakeList(run, type.GetElementType()!, name, owner, depth);
            var array = Array.CreateInstance(type.GetElementType()!, items.Count);
            items.CopyTo(array, 0);
            return array;
        }
        if (Generic(type, typeof(IReadOnlyDictionary<,>), typeof(IDictionary<,>), typeof(Dictionary<,>)) is { } dictionary)
        {
            return MakeDictionary(run, dictionary[0], dictionary[1], name, owner, depth);
        }
        if (Generic(type, typeof(IReadOnlyList<>), typeof(IList<>), typeof(List<>), typeof(IEnumerable<>), typeof(IReadOnlyCollection<>), typeof(ICollection<>)) is { } list)
        {
            return MakeList(run, list[0], name, owner, depth);
        }
        if (IsValueTuple(type))
        {
            var names = run.TupleNames.GetValueOrDefault(type);
            var elements = type.GetGenericArguments().Select((t, i) => Make(run, t, names?.ElementAtOrDefault(i) ?? $"Item{i + 1}", owner, depth + 1)).ToArray();
            return Activator.CreateInstance(type, elements);
        }
        if (type.IsInterface || type.IsAbstract)
        {
            throw new NotSupportedException($"No sample for {type.Name} ({name}): give CardSamples a real one.");
        }
        return MakeObject(run, type, depth);
    }

    private static object? Scalar(Run run, Type type)
    {
        var n = run.Next();
        var big = run.Size == SampleSize.Long;
        return type switch
        {
            _ when type == typeof(int) => big ? LongList : ShortList,
            _ when type == typeof(long) => 1_000_000_000L + n,
            _ when type == typeof(double) => (n % 10 / 10.0) + 0.05,
            _ when type == typeof(bool) => big,
            _ when type == typeof(Guid) => new Guid(n, 0, 0, new byte[8]),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero).AddDays(n % 20),
            _ when type == typeof(DateTime) => new DateTime(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc).AddDays(n % 20),
            _ when type == typeof(DateOnly) => new DateOnly(2026, 11, 2).AddDays(n % 20),
            _ when type == typeof(TimeOnly) => new TimeOnly(9, 30),
            _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(30),
            _ when type == typeof(DayOfWeek) => DayOfWeek.Tuesday,
            _ when type == typeof(Uri) => new Uri($"https://learning.example.com/messages/{n}"),
            _ => null,
        };
    }

    private string MakeString(Run run, string name, Type? owner)
    {
        var n = run.Next();
        if (WellFormed(name, run.Size) is { } wellFormed)
        {
            return wellFormed;
        }
        var max = MaxLength(owner, name);
        if (name.Equals("Id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal))
        {
            // Ids end up in action data; long ones as long as they are stored.
            var id = $"{name.ToLowerInvariant()}-{n}";
            id = run.Size == SampleSize.Long ? id.PadRight(max ?? 100, 'x') : id;
            run.Ids.Add(id);
            return id;
        }
        return run.Size == SampleSize.Short ? $"{Humanize(name)} & co {n}" : Text(max ?? LongText, n);
    }

    /// <summary>The stored max length of the property, or of the longest same-named stored property (for views and parameters).</summary>
    private int? MaxLength(Type? owner, string name)
    {
        if (owner is not null && model.FindEntityType(owner)?.FindProperty(name)?.GetMaxLength() is { } own)
        {
            return own;
        }
        return model.GetEntityTypes()
            .Select(e => e.GetProperties().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.GetMaxLength())
            .Max();
    }

    private IList MakeList(Run run, Type item, string name, Type? owner, int depth)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        var count = run.Size == SampleSize.Long ? LongList : ShortList;
        for (var i = 0; i < count; i++)
        {
            list.Add(Make(run, item, Singular(name), owner, depth + 1));
        }
        return list;
    }

    private IDictionary MakeDictionary(Run run, Type key, Type value, string name, Type? owner, int depth)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
        if (run.Size == SampleSize.Short)
        {
            return dictionary;
        }
        // Keyed by what such dictionaries are keyed by: the ids made so far (question ids) and the card's input ids.
        var keys = key == typeof(string) ? run.Ids.Concat(run.Constants).Distinct(StringComparer.Ordinal).Cast<object>().ToList() : [];
        if (keys.Count == 0)
        {
            keys = [.. Enumerable.Range(0, LongList).Select(_ => Make(run, key, name, owner, depth + 1)!)];
        }
        foreach (var k in keys.Where(k => !dictionary.Contains(k)))
        {
            dictionary[k] = Make(run, value, name, owner, depth + 1);
        }
        return dictionary;
    }

    private object? MakeObject(Run run, Type type, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new NotSupportedException($"No public constructor on {type.Name}: give CardSamples a real one.");
        var parameters = constructor.GetParameters();
        var instance = constructor.Invoke([.. parameters.Select(p => Make(run, p.ParameterType, p.Name ?? "value", type, depth + 1))]);
        var fromConstructor = parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !fromConstructor.Contains(p.Name) && p.GetIndexParameters().Length == 0))
        {
            if (property.SetMethod is { IsPublic: true })
            {
                var nullable = !property.PropertyType.IsValueType && _nullability.Create(property).WriteState == NullabilityState.Nullable;
                property.SetValue(instance, nullable && run.Size == SampleSize.Short ? null : Make(run, property.PropertyType, property.Name, type, depth + 1));
            }
            else if (property.GetValue(instance) is IList { IsReadOnly: false } collection && Generic(property.PropertyType, typeof(IList<>), typeof(List<>), typeof(ICollection<>)) is { } item)
            {
                foreach (var value in MakeList(run, item[0], property.Name, type, depth))
                {
                    collection.Add(value);
                }
            }
        }
        return instance;
    }

    private static bool IsValueTuple(Type type) => type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    /// <summary>
    /// The element names of the tuples in a parameter's type ((string LessonId, string Title) names its ids), from
    /// the compiler's TupleElementNames: one name per element, tuples in depth-first pre-order.
    /// </summary>
    private static Dictionary<Type, string?[]> TupleNames(ParameterInfo parameter)
    {
        var names = parameter.GetCustomAttribute<TupleElementNamesAttribute>()?.TransformNames ?? [];
        var map = new Dictionary<Type, string?[]>();
        var next = 0;
        void Walk(Type type)
        {
            if (IsValueTuple(type))
            {
                var count = type.GetGenericArguments().Length;
                map.TryAdd(type, [.. names.Skip(next).Take(count)]);
                next += count;
            }
            foreach (var argument in type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments())
            {
                Walk(argument);
            }
        }
        Walk(parameter.ParameterType);
        return map;
    }

    private static Type[]? Generic(Type type, params Type[] definitions) =>
        type.IsGenericType && definitions.Contains(type.GetGenericTypeDefinition()) ? type.GetGenericArguments() : null;

    /// <summary>Prose of exactly <paramref name="length"/> characters (never ending inside an emoji), varied by <paramref name="seed"/>.</summary>
    private static string Text(int length, int seed)
    {
        var text = new StringBuilder($"{seed.ToString(CultureInfo.InvariantCulture)}. ");
        while (text.Length < length)
        {
            text.Append(Prose);
        }
        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text.ToString(0, cut);
    }

    private static string Humanize(string name) => name.Length == 0 ? "Sample" : char.ToUpperInvariant(name[0]) + name[1..];

    private static string Singular(string name) => name.EndsWith('s') && name.Length > 1 ? name[..^1] : name;

    /// <summary>The state of one argument list: its size, a counter that varies values, and the ids made so far.</summary>
    private sealed class Run(SampleSize size, List<string> constants)
    {
        private int _counter;

        public SampleSize Size { get; } = size;
        public List<string> Constants { get; } = constants;
        public List<string> Ids { get; } = [];
        public Dictionary<Type, string?[]> TupleNames { get; set; } = [];

        public int Next() => ++_counter;
    }
}
