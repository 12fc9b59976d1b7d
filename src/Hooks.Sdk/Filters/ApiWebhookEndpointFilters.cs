using Hooks.Sdk.Filters;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The <see cref="ApiWebhookAttribute"/> and <see cref="ApiWebhookForDeleteAttribute"/> behaviours for minimal API endpoints.</summary>
public static class ApiWebhookEndpointFilters
{
    /// <summary>
    /// After the endpoint answers 2xx, reloads the object whose <c>id</c> its result carries and emits
    /// <paramref name="action"/> for it.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">A POST, PUT or PATCH endpoint.</param>
    /// <param name="action">A declared action with a model.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder WithApiWebhook<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        builder.WithMetadata(new ApiWebhookEndpointMetadata(action, ForDelete: false));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            await using ApiWebhookRun run = await Invoker(context).BeginAsync(action, context.HttpContext, forDelete: false);
            object? result = await next(context);
            (int status, object? value) = ResponseReader.Read(result, context.HttpContext.Response.StatusCode);
            return await run.CompleteAsync(status, value, forDelete: false) ? result : TypedResults.Problem(run.Problem());
        });
    }

    /// <summary>
    /// Before the endpoint runs, captures the id (and project) of the object named by the
    /// <paramref name="routeParameter"/> route value; after it answers 2xx, emits <paramref name="action"/> with that id.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">A DELETE endpoint.</param>
    /// <param name="action">A declared ids-only action.</param>
    /// <param name="routeParameter">The route value that holds the id.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder WithApiWebhookForDelete<TBuilder>(this TBuilder builder, string action, string routeParameter = "id")
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        builder.WithMetadata(new ApiWebhookEndpointMetadata(action, ForDelete: true));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            await using ApiWebhookRun run = await Invoker(context).BeginAsync(action, context.HttpContext, forDelete: true);
            await run.CaptureBeforeDeleteAsync(context.HttpContext.Request.RouteValues[routeParameter]);
            object? result = await next(context);
            (int status, _) = ResponseReader.Read(result, context.HttpContext.Response.StatusCode);
            return await run.CompleteAsync(status, value: null, forDelete: true) ? result : TypedResults.Problem(run.Problem());
        });
    }

    private static ApiWebhookInvoker Invoker(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ApiWebhookInvoker>();
}
