using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hooks.Sdk.Filters;

/// <summary>The MVC answer for a change rolled back because its webhook event could not be written.</summary>
internal static class ApiWebhookProblemResult
{
    public static ObjectResult Create(ProblemDetails problem) => new(problem)
    {
        StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError,
        ContentTypes = { "application/problem+json" },
    };
}
