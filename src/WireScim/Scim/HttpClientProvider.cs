using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace WireScim.Scim
{
    /// <summary>
    /// HttpClients from one IHttpClientFactory, so handlers are pooled and recycled (DNS changes are picked up)
    /// instead of one socket pool per cmdlet call. The client name carries the connection limit.
    /// </summary>
    internal static class HttpClientProvider
    {
        private const string NamePrefix = "WireScim:";
        private static readonly Lazy<IHttpClientFactory> Factory = new Lazy<IHttpClientFactory>(CreateFactory);

        public static HttpClient Create(int maxConnectionsPerServer)
        {
            var client = Factory.Value.CreateClient(NamePrefix + Math.Max(2, maxConnectionsPerServer));
            client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            return client;
        }

        private static IHttpClientFactory CreateFactory()
        {
            EnableTls12OnNetFramework();
            var services = new ServiceCollection();
            services.AddHttpClient();
            services.ConfigureAll<HttpClientFactoryOptions>(options =>
            {
                options.HandlerLifetime = TimeSpan.FromMinutes(5);
                options.HttpMessageHandlerBuilderActions.Add(builder =>
                    builder.PrimaryHandler = CreateHandler(ConnectionLimitOf(builder.Name)));
            });
            return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        }

        private static int ConnectionLimitOf(string? name) =>
            name != null && name.StartsWith(NamePrefix, StringComparison.Ordinal) && int.TryParse(name.Substring(NamePrefix.Length), out var limit)
                ? limit
                : 16;

        private static HttpClientHandler CreateHandler(int maxConnectionsPerServer) => new HttpClientHandler
        {
            // Redirects are followed by HttpTransport, which keeps the token on the same host and on HTTPS.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            // .NET Framework's default of 2 connections per server would cap every bulk run at 2 requests in flight.
            MaxConnectionsPerServer = maxConnectionsPerServer,
        };

        /// <summary>Windows PowerShell 5.1 may start without TLS 1.2; add it, never removing what is enabled.</summary>
        private static void EnableTls12OnNetFramework()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }
    }
}
