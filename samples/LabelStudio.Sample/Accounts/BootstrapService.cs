namespace LabelStudio.Sample.Accounts;

/// <summary>
/// Runs <see cref="Bootstrap"/> as the host starts, before the server accepts a request (<see cref="IHostedLifecycleService.StartingAsync"/>).
/// Work done in <c>Main</c> after <c>Build()</c> would race the first requests of any host that starts the app
/// itself, as test hosts do.
/// </summary>
public sealed class BootstrapService(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Bootstrap.RunAsync(services, Console.Out, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
