using System.CommandLine;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>shapes DIR [--baseline DIR]</c> (hidden; the compatibility check's tool): reads the requests captured with
/// <c>AZURE_OPENAI_CAPTURE_DIR</c> and prints every field path, block type, tool type and beta in them that the
/// translator does not know (<see cref="KnownShapes"/>), one per line, <c>+</c> marking those the baseline capture (the
/// pinned Claude Code's) does not hold, then one summary line.
/// </summary>
internal static class ShapesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var captures = new Argument<DirectoryInfo>("captures") { Description = "A folder of *.request.json captures" };
        var baseline = new Option<DirectoryInfo?>("--baseline") { Description = "The pinned version's captures, to mark what is new" };
        var command = new Command("shapes", "List what captured Claude Code requests hold that the translator does not know") { Hidden = true };
        command.Arguments.Add(captures);
        command.Options.Add(baseline);
        command.SetAction(parseResult =>
        {
            var found = Unknowns(parseResult.GetValue(captures)!, out var requests);
            var known = parseResult.GetValue(baseline) is { } pinned ? Unknowns(pinned, out _) : found;
            foreach (var shape in found) environment.Out.WriteLine($"{(known.Contains(shape) ? " " : "+")} {shape}");
            var added = found.Count(shape => !known.Contains(shape));
            environment.Out.WriteLine($"{found.Count} unknown shape(s) in {requests} request(s), {added} new since the baseline");
            return requests == 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static SortedSet<string> Unknowns(DirectoryInfo folder, out int requests)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        requests = 0;
        if (!folder.Exists) return found;
        foreach (var file in folder.EnumerateFiles("*.request.json"))
        {
            using var capture = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
            if (!capture.RootElement.TryGetProperty("body"u8, out var body) || body.ValueKind != JsonValueKind.Object) continue;
            var request = body.Deserialize(AnthropicJsonContext.Default.MessagesRequest);
            if (request is null) continue;
            requests++;
            var beta = capture.RootElement.TryGetProperty("headers"u8, out var headers) && headers.TryGetProperty("anthropic-beta"u8, out var value)
                ? value.GetString()
                : null;
            foreach (var shape in ShapeSurvey.Unknowns(request, beta)) found.Add(shape.ToString());
        }
        return found;
    }
}
