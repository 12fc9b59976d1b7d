using Hooks.Sdk.Benchmarks;
using Hooks.Sdk.Benchmarks.Load;

// Usage:
//   dotnet run -c Release --project benchmarks/Hooks.Sdk.Benchmarks -- --filter '*'   the full suite
//   dotnet run -c Release --project benchmarks/Hooks.Sdk.Benchmarks -- --quick        every figure, in under two minutes
if (args is [MemoryScenario.ChildSwitch, string connectionString])
{
    return await MemoryScenario.RunChildAsync(connectionString);
}
if (args is [ClusterScenario.ServeSwitch, string serveConnectionString])
{
    return await ClusterScenario.ServeChildAsync(serveConnectionString);
}
if (args is [ClusterScenario.ChildSwitch, string clusterConnectionString])
{
    return await ClusterScenario.RunChildAsync(clusterConnectionString);
}
return await Suite.RunAsync(args);
