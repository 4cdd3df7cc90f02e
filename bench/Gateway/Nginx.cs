using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Platform.Bench.Gateway;

/// <summary>
/// nginx (Debian's) as a reverse proxy in front of one upstream, configured as a fast proxy is in
/// production: keep-alive connections to the upstream, no access log, a worker per core.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private Nginx(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<Nginx> StartAsync(Uri upstream)
    {
        const string Program = "/usr/sbin/nginx";
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException("nginx is not installed: apt-get install nginx");
        }

        var directory = Directory.CreateTempSubdirectory("bench-nginx-").FullName;
        var port = FreePort();
        var configuration = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configuration, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes auto;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              upstream service {
                server {{upstream.Host}}:{{upstream.Port}};
                keepalive 64;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://service;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $remote_addr;
                }
              }
            }
            """));
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", directory, "-c", configuration, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await probe.GetAsync(address);
                return new Nginx(process, directory, address);
            }
            catch (HttpRequestException) when (attempt < 50 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
