using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AzureOpenAI.Benchmarks.RequestBenchmarks).Assembly).Run(args);
