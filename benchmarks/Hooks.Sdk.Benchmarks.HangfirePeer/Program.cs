using Hooks.Sdk.Benchmarks.HangfirePeer;

// Run by the benchmark harness, not by hand:
//   dotnet Hooks.Sdk.Benchmarks.HangfirePeer.dll <database file or PostgreSQL connection string> <bodies file, one JSON body a line> <url> <warm-up count> <producers>
if (args is not [string database, string bodies, string url, string warmUp, string producers])
{
    Console.Error.WriteLine("usage: <database file> <bodies file> <url> <warm-up count> <producers>");
    return 2;
}
return await DeliveryRun.RunAsync(database, await File.ReadAllLinesAsync(bodies), url, int.Parse(warmUp, System.Globalization.CultureInfo.InvariantCulture),
    int.Parse(producers, System.Globalization.CultureInfo.InvariantCulture));
