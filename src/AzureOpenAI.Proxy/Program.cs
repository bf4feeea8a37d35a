// Entry point: the CLI (System.CommandLine) whose `serve` verb runs the proxy. See Cli/.
using AzureOpenAI.Proxy.Cli;

return await ProxyCli.RunAsync(args, CliEnvironment.FromProcess());
