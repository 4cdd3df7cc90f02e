using System.Security.Cryptography;
using StandardWebhooks;

namespace Platform.Integrations.Webhooks;

/// <summary>Standard Webhooks secrets and signatures: <c>whsec_</c> and 32 random bytes; <c>v1,</c> an HMAC-SHA256 of "id.timestamp.body".</summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, space-separated, so a receiver holding either verifies.</summary>
    public static string Signature(IEnumerable<string> secrets, string messageId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, body)));
}
