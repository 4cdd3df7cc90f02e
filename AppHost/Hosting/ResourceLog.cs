namespace Platform.AppHost.Hosting;

/// <summary>Multiplexes the resources' output onto one stream, each line prefixed with its resource's name in its own colour.</summary>
public sealed class ResourceLog(Action<string, string>? sink)
{
    private static readonly int[] Colours = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94];
    private readonly Dictionary<string, int> _colourOf = new(StringComparer.Ordinal);
    private readonly bool _useColour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Lock _gate = new();
    private int _width = 12;

    public void Write(string resource, string line)
    {
        if (sink is not null)
        {
            sink(resource, line);
            return;
        }

        lock (_gate)
        {
            if (!_colourOf.TryGetValue(resource, out var colour))
            {
                _colourOf[resource] = colour = Colours[_colourOf.Count % Colours.Length];
                _width = Math.Max(_width, resource.Length);
            }

            var prefix = resource.PadRight(_width);
            Console.Out.WriteLine(_useColour ? $"\u001b[{colour}m{prefix} |\u001b[0m {line}" : $"{prefix} | {line}");
        }
    }
}
