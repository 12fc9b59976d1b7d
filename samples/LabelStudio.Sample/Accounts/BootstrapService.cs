namespace LabelStudio.Sample.Accounts;

/// <summary>
/// Runs <see cref="Bootstrap"/> as the host starts, before the server accepts a request (<see cref="IHostedLifecycleService.StartingAsync"/>).
/// Work done in <c>Main</c> after <c>Build()</c> would race the first requests of any host that starts the app
/// itself, as test hosts do. The credentials of a first start are logged once the server listens
/// (<see cref="IHostedLifecycleService.StartedAsync"/>, after "Now listening on"), so that they are the last thing
/// the start writes rather than a line among the start-up's.
/// </summary>
public sealed partial class BootstrapService(IServiceProvider services, ILogger<BootstrapService> logger) : IHostedLifecycleService
{
    private FirstStartCredentials? _created;

    public async Task StartingAsync(CancellationToken cancellationToken) => _created = await Bootstrap.RunAsync(services, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_created is { } created)
        {
            LogCreated(created.Notice());
            _created = null;
        }
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A warning, so that it shows at any level a user is likely to set (Logging__LogLevel__Default=Warning too); through
    // the logger rather than the console, so that it keeps its place after the host's own lines.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Notice}")]
    private partial void LogCreated(string notice);
}
