using System.Globalization;
using AzureOpenAI.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["--cpu", ..])
    await ProxyCpuRun.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000, args.Length > 2 ? args[2] : null);
else
    BenchmarkSwitcher.FromAssembly(typeof(RequestBenchmarks).Assembly).Run(args);
