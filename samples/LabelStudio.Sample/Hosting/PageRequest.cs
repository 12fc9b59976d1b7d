using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// One page of a list route, read as Django REST framework's page-number pagination reads it for Label Studio:
/// <c>page</c> counts from 1 (anything else is "Invalid page."); <c>page_size</c> that is missing, not a positive
/// integer, or beyond the route's most is the default or that most, never an error; a page past the last is
/// "Invalid page." too, except the first, which may be empty. The official Python client pages until an empty page
/// or a 404, its legacy one until a 404 only.
/// </summary>
public readonly record struct PageRequest(int Page, int Size)
{
    /// <summary>The message of Django REST framework's 404 for a page that is not there.</summary>
    public const string InvalidPage = "Invalid page.";

    /// <summary>How many items come before this page.</summary>
    public long Skip => (long)(Page - 1) * Size;

    /// <summary>The page the query asks for, or <see langword="null"/> when its <c>page</c> is not a page number.</summary>
    public static PageRequest? Read(IQueryCollection query, int defaultSize, int maxSize)
    {
        int page = 1;
        if (query.TryGetValue("page", out var pageText) && !int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1)
        {
            return null;
        }
        int size = int.TryParse(query["page_size"], NumberStyles.None, CultureInfo.InvariantCulture, out int asked) && asked > 0 ? Math.Min(asked, maxSize) : defaultSize;
        return new PageRequest(page, size);
    }

    /// <summary>Whether this page lies past the last of <paramref name="total"/> items (the first page never does).</summary>
    public bool IsPastEnd(long total) => Page > 1 && Skip >= total;

    /// <summary>The absolute URL of the next page of <paramref name="request"/>, or <see langword="null"/> on the last.</summary>
    public string? Next(HttpRequest request, long total) => Skip + Size < total ? Link(request, Page + 1) : null;

    /// <summary>The absolute URL of the previous page, without <c>page</c> for the first as DRF writes it; <see langword="null"/> on the first.</summary>
    public string? Previous(HttpRequest request) => Page > 1 ? Link(request, Page - 1) : null;

    private static string Link(HttpRequest request, int page)
    {
        var query = new QueryBuilder(request.Query.Where(parameter => parameter.Key != "page").SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, value ?? ""))));
        if (page > 1)
        {
            query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        }
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
