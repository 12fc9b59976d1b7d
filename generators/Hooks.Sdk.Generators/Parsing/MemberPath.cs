using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Parsing;

/// <summary>
/// A dotted member path resolved against a model type into a C# expression over <c>instance</c>, null-conditional
/// wherever a step can be null, so that generated accessors need no reflection.
/// </summary>
internal sealed class MemberPath
{
    private MemberPath(string expression, ITypeSymbol type, bool canBeNull)
    {
        Expression = expression;
        Type = type;
        CanBeNull = canBeNull;
    }

    public string Expression { get; }

    /// <summary>The type at the end of the path, with <c>Nullable&lt;T&gt;</c> unwrapped.</summary>
    public ITypeSymbol Type { get; }

    public bool CanBeNull { get; }

    public static MemberPath Root(ITypeSymbol model) => new("instance", model, canBeNull: false);

    /// <summary>Walks <paramref name="path"/> from <paramref name="model"/>; on failure returns null and says why.</summary>
    public static MemberPath? Resolve(ITypeSymbol model, string path, out string? error)
    {
        MemberPath current = Root(model);
        foreach (string segment in path.Split('.'))
        {
            if (segment.Length == 0)
            {
                error = "it has an empty segment; separate member names with single dots, for example \"Task.Project\"";
                return null;
            }
            MemberPath? next = current.Member(segment);
            if (next is null)
            {
                error = $"'{segment}' is not a public readable property or field of '{current.Type.ToDisplayString()}'";
                return null;
            }
            current = next;
        }
        error = null;
        return current;
    }

    /// <summary>The step to member <paramref name="name"/>, or null when the type has no such public instance member.</summary>
    public MemberPath? Member(string name)
    {
        ITypeSymbol? memberType = FindMemberType(Type, name);
        if (memberType is null)
        {
            return null;
        }
        // Every step after a reference or Nullable<T> is null-conditional, whatever its annotation says: a model
        // loaded without its navigation properties must give a null project, not a NullReferenceException.
        string access = CanBeNull ? "?." : ".";
        ITypeSymbol unwrapped = Unwrap(memberType, out bool isNullableValue);
        return new MemberPath(Expression + access + name, unwrapped, CanBeNull || isNullableValue || unwrapped.IsReferenceType);
    }

    public static bool IsInteger(ITypeSymbol type) => type.SpecialType is
        SpecialType.System_SByte or SpecialType.System_Byte or
        SpecialType.System_Int16 or SpecialType.System_UInt16 or
        SpecialType.System_Int32 or SpecialType.System_UInt32 or
        SpecialType.System_Int64 or SpecialType.System_UInt64;

    public static bool IsGuid(ITypeSymbol type) =>
        type is { Name: "Guid", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The type of a public readable instance member, searched through base types and interfaces.</summary>
    public static ITypeSymbol? FindMemberType(ITypeSymbol type, string name)
    {
        foreach (ITypeSymbol candidate in SelfAndBases(type))
        {
            foreach (ISymbol member in candidate.GetMembers(name))
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }
                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                        return property.Type;
                    case IFieldSymbol field:
                        return field.Type;
                }
            }
        }
        return null;
    }

    private static ITypeSymbol Unwrap(ITypeSymbol type, out bool isNullableValue)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullableValue = true;
            return nullable.TypeArguments[0];
        }
        isNullableValue = false;
        return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
    }

    private static System.Collections.Generic.IEnumerable<ITypeSymbol> SelfAndBases(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
        if (type.TypeKind != TypeKind.Interface)
        {
            yield break;
        }
        foreach (INamedTypeSymbol contract in type.AllInterfaces)
        {
            yield return contract;
        }
    }
}
