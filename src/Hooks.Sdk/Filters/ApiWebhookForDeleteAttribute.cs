using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Filters;

/// <summary>
/// On a DELETE controller action: before the action runs, loads the object named by the <see cref="RouteParameter"/>
/// route value and captures its id (and project); when the delete answers 2xx, emits <see cref="Action"/> with only
/// that id (Label Studio's <c>@api_webhook_for_delete</c>). A missing object leaves the action's own 404 and sends
/// nothing. With the durable outbox the capture, the delete and the event's messages share one transaction (see
/// <see cref="WebhookOptions.EmitInTransaction"/>). For minimal APIs use <c>WithApiWebhookForDelete</c>.
/// </summary>
/// <param name="action">A declared ids-only action, for example <c>LabelStudioActions.TasksDeleted</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ApiWebhookForDeleteAttribute(string action) : Attribute, IFilterFactory, IOrderedFilter, IApiWebhookMetadata
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(ApiWebhookForDeleteFilter), [typeof(string), typeof(string)]);

    /// <summary>The action emitted.</summary>
    public string Action { get; } = action;

    /// <summary>The route value that holds the id of the object deleted; <c>id</c> by default.</summary>
    public string RouteParameter { get; set; } = "id";

    /// <inheritdoc />
    public int Order { get; set; }

    /// <inheritdoc />
    public bool IsReusable => false;

    bool IApiWebhookMetadata.ForDelete => true;

    /// <inheritdoc />
    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => (IFilterMetadata)Factory(serviceProvider, [Action, RouteParameter]);
}

/// <summary>The filter behind <see cref="ApiWebhookForDeleteAttribute"/>.</summary>
internal sealed class ApiWebhookForDeleteFilter(string action, string routeParameter, ApiWebhookInvoker invoker) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        await using ApiWebhookRun run = await invoker.BeginAsync(action, context.HttpContext, forDelete: true);
        await run.CaptureBeforeDeleteAsync(context.RouteData.Values[routeParameter]);
        ActionExecutedContext executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            return;
        }
        (int status, _) = ResponseReader.Read(executed.Result, context.HttpContext.Response.StatusCode);
        if (!await run.CompleteAsync(status, value: null, forDelete: true))
        {
            executed.Result = ApiWebhookProblemResult.Create(run.Problem());
        }
    }
}
