using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Filters;

/// <summary>
/// On a POST, PUT or PATCH controller action: after the action answers 2xx, reloads the object whose <c>id</c> the
/// response carries and emits <see cref="Action"/> for it (Label Studio's <c>@api_webhook</c>). A failed action, an
/// exception or a non-2xx answer sends nothing. With the durable outbox the action runs in a transaction of the
/// app's store, committed with the event's messages (see <see cref="WebhookOptions.EmitInTransaction"/>). For minimal
/// APIs use <c>WithApiWebhook</c>.
/// </summary>
/// <param name="action">A declared action with a model, for example <c>LabelStudioActions.TasksCreated</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ApiWebhookAttribute(string action) : Attribute, IFilterFactory, IOrderedFilter, IApiWebhookMetadata
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(ApiWebhookFilter), [typeof(string)]);

    /// <summary>The action emitted.</summary>
    public string Action { get; } = action;

    /// <inheritdoc />
    public int Order { get; set; }

    /// <inheritdoc />
    public bool IsReusable => false;

    bool IApiWebhookMetadata.ForDelete => false;

    /// <inheritdoc />
    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => (IFilterMetadata)Factory(serviceProvider, [Action]);
}

/// <summary>The filter behind <see cref="ApiWebhookAttribute"/>.</summary>
internal sealed class ApiWebhookFilter(string action, ApiWebhookInvoker invoker) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        await using ApiWebhookRun run = await invoker.BeginAsync(action, context.HttpContext, forDelete: false);
        ActionExecutedContext executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            return;
        }
        (int status, object? value) = ResponseReader.Read(executed.Result, context.HttpContext.Response.StatusCode);
        if (!await run.CompleteAsync(status, value, forDelete: false))
        {
            executed.Result = ApiWebhookProblemResult.Create(run.Problem());
        }
    }
}
