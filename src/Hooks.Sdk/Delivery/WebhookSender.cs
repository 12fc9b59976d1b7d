using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Hooks.Sdk.Security;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// POSTs one message as Label Studio's <c>run_webhook_sync</c> does: JSON body, the webhook's headers, one attempt
/// bounded by <see cref="WebhookOptions.Timeout"/>, redirects not followed. It never throws for the receiver's sake:
/// every failure is logged and returned.
/// </summary>
internal sealed partial class WebhookSender(
    IHttpClientFactory httpClientFactory,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookSender> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> it uses; configured without redirects or a client-wide timeout.</summary>
    public const string HttpClientName = "Hooks.Sdk.Webhooks";

    /// <summary>The client for receivers whose connections are not reused (see <see cref="ReceiverConnections"/>).</summary>
    internal const string FreshConnectionClientName = HttpClientName + ".FreshConnection";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ReceiverConnections _connections = new();

    private static readonly ProductInfoHeaderValue UserAgent = new("Hooks.Sdk",
        typeof(WebhookSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>Sends <paramref name="message"/> once.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the attempt (a shutdown, not a receiver's slowness).</param>
    public async Task<WebhookDeliveryResult> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        long started = timeProvider.GetTimestamp();
        // Refused on save; a webhook stored before that rule must not smuggle a second request either.
        if (HeaderValues.FirstUnsendable(message.Webhook.Headers) is { } unsendable)
        {
            string reason = $"The value of the header '{unsendable}' contains a line break, a control character or a non-ASCII character";
            LogRefused(message.Webhook.Id, message.Action, reason);
            return new WebhookDeliveryResult(null, TimeSpan.Zero, reason);
        }
        using var timeout = new CancellationTokenSource(options.Value.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using HttpRequestMessage request = CreateRequest(message, secrets.Signing(message.Webhook), timeProvider.GetUtcNow());
            Uri url = request.RequestUri!;
            using HttpResponseMessage response = await httpClientFactory.CreateClient(_connections.MayReuse(url) ? HttpClientName : FreshConnectionClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            _connections.Observe(url, response);
            string responseBody = await ReadStartAsync(response, linked.Token).ConfigureAwait(false);
            var result = new WebhookDeliveryResult((int)response.StatusCode, timeProvider.GetElapsedTime(started), null)
            {
                ResponseBody = responseBody,
                RetryAfter = response.Headers.RetryAfter switch
                {
                    { Delta: { } delta } => delta,
                    { Date: { } date } => date - timeProvider.GetUtcNow(),
                    _ => null,
                },
            };
            if (!result.Succeeded)
            {
                LogRejected(message.Webhook.Id, message.Action, result.StatusCode!.Value);
            }
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(message, started, $"no response within {options.Value.Timeout.TotalSeconds:0.###} s", exception: null);
        }
        catch (Exception exception) when (Refused(exception) is { } refused)
        {
            LogRefused(message.Webhook.Id, message.Action, refused.Message);
            return new WebhookDeliveryResult(null, timeProvider.GetElapsedTime(started), refused.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(message, started, Describe(exception), exception);
        }
    }

    /// <summary>
    /// The POST: JSON body, the webhook's own headers, and Standard Webhooks' <c>webhook-id</c> (the outbox message's,
    /// or a new one for an inline message), <c>webhook-timestamp</c> and, when the webhook has secrets,
    /// <c>webhook-signature</c> over the exact body.
    /// </summary>
    private static HttpRequestMessage CreateRequest(WebhookMessage message, IReadOnlyList<WebhookSecret> signing, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, message.Webhook.Url)
        {
            Content = new ReadOnlyMemoryContent(message.Body),
        };
        request.Content.Headers.ContentType = Json;
        string id = message.MessageId ?? WebhookMessage.NewMessageId(now);
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signing.Count > 0)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(signing, id, now, message.Body.Span));
        }
        // Reserved names are refused when a webhook is saved; skipping them here covers webhooks stored before that.
        foreach ((string name, string value) in message.Webhook.Headers.Where(header => !ReservedHeaders.IsReserved(header.Key)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        // The SDK's own, unless the webhook names one.
        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.UserAgent.Add(UserAgent);
        }
        return request;
    }

    /// <summary>At most <see cref="WebhookDeliveryAttempt.MaxResponseBody"/> characters of the response; a receiver cannot make the log grow.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            char[] buffer = ArrayPool<char>.Shared.Rent(WebhookDeliveryAttempt.MaxResponseBody);
            try
            {
                int read = await reader.ReadBlockAsync(buffer.AsMemory(0, WebhookDeliveryAttempt.MaxResponseBody), cancellationToken).ConfigureAwait(false);
                return new string(buffer, 0, read);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or DecoderFallbackException)
        {
            return "";
        }
    }

    /// <summary>
    /// The innermost cause, such as "The response ended prematurely. (ResponseEnded)" or "Connection refused
    /// (ConnectionError)", rather than the wrapper's "An error occurred while sending the request.".
    /// </summary>
    private static string Describe(Exception exception)
    {
        Exception innermost = exception.GetBaseException();
        // HttpIOException's own message already names its kind.
        return exception is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown and var kind } && innermost is not HttpIOException
            ? $"{innermost.Message} ({kind})"
            : innermost.Message;
    }

    private static WebhookAddressRefusedException? Refused(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private WebhookDeliveryResult Failed(WebhookMessage message, long started, string error, Exception? exception)
    {
        LogFailed(exception, message.Webhook.Id, message.Action, error);
        return new WebhookDeliveryResult(null, timeProvider.GetElapsedTime(started), error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} answered {StatusCode} to {Action}")]
    private partial void LogRejected(long webhookId, string action, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: {Action} not sent. {Reason}")]
    private partial void LogRefused(long webhookId, string action, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId} could not be delivered {Action}: {Error}")]
    private partial void LogFailed(Exception? exception, long webhookId, string action, string error);
}
