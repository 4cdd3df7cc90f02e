using System.Security.Cryptography;
using System.Text;

namespace Platform.Messaging.Events;

/// <summary>
/// The id of an event that states a fact the platform finds on its own (a deadline passed, an
/// inspection overdue): derived from the fact, so whichever replica or pass raises it, it is the same
/// event, and a second raising is a duplicate the outbox refuses and every inbox drops.
/// </summary>
public static class FactId
{
    /// <summary>A name-based UUID (RFC 9562 version 8) of the SHA-256 of the event's name and the fact's parts.</summary>
    public static Guid Of(string eventName, params object[] parts)
    {
        var name = string.Join('/', parts.Select(part => part switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => part.ToString(),
        }).Prepend(eventName));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
